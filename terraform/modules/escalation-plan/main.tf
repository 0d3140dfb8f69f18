# AWS models an escalation plan as a contact of type ESCALATION whose plan stages target other contacts.
resource "aws_ssmcontacts_contact" "this" {
  alias        = var.alias
  display_name = var.display_name
  type         = "ESCALATION"
  tags         = var.tags
}

resource "aws_ssmcontacts_plan" "this" {
  contact_id = aws_ssmcontacts_contact.this.arn

  dynamic "stage" {
    for_each = var.stages
    content {
      duration_in_minutes = stage.value.duration_in_minutes

      dynamic "target" {
        for_each = stage.value.targets
        content {
          contact_target_info {
            contact_id   = target.value.contact_arn
            is_essential = target.value.is_essential
          }
        }
      }
    }
  }
}
