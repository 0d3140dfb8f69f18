# Every other AWS Incident Manager resource needs the account's replication set to exist first, so
# callers make their other modules depend on this one.
resource "aws_ssmincidents_replication_set" "this" {
  count = var.create ? 1 : 0

  dynamic "regions" {
    for_each = var.regions
    content {
      name        = regions.value.name
      kms_key_arn = regions.value.kms_key_arn
    }
  }

  tags = var.tags
}

data "aws_ssmincidents_replication_set" "this" {
  count = var.create ? 0 : 1
}
