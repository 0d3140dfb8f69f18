locals {
  # One entry per channel, keyed "alias/channel-key" so plans can find a channel by what the caller named it.
  channels = merge([
    for alias, contact in var.contacts : {
      for key, channel in contact.channels : "${alias}/${key}" => {
        alias   = alias
        key     = key
        type    = channel.type
        address = channel.address
      }
    }
  ]...)

  # A contact without an engagement plan cannot be paged, so the default engages every channel at once.
  engagement_plans = {
    for alias, contact in var.contacts : alias => length(contact.engagement_plan) > 0 ? contact.engagement_plan : [
      {
        duration_in_minutes       = 0
        channels                  = sort(keys(contact.channels))
        retry_interval_in_minutes = null
      }
    ]
  }
}

resource "aws_ssmcontacts_contact" "this" {
  for_each = var.contacts

  alias        = each.key
  display_name = each.value.display_name
  type         = "PERSONAL"
  tags         = var.tags
}

# New channels must be activated (a code sent to the address) before AWS will page them.
resource "aws_ssmcontacts_contact_channel" "this" {
  for_each = local.channels

  contact_id = aws_ssmcontacts_contact.this[each.value.alias].arn
  name       = "${each.value.alias}-${each.value.key}"
  type       = each.value.type

  delivery_address {
    simple_address = each.value.address
  }
}

resource "aws_ssmcontacts_plan" "this" {
  for_each = local.engagement_plans

  contact_id = aws_ssmcontacts_contact.this[each.key].arn

  dynamic "stage" {
    for_each = each.value
    content {
      duration_in_minutes = stage.value.duration_in_minutes

      dynamic "target" {
        for_each = stage.value.channels
        content {
          channel_target_info {
            contact_channel_id        = aws_ssmcontacts_contact_channel.this["${each.key}/${target.value}"].arn
            retry_interval_in_minutes = stage.value.retry_interval_in_minutes
          }
        }
      }
    }
  }
}
