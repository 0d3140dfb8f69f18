locals {
  # "HH:MM" strings in, the provider's hour/minute pairs out.
  daily_handoffs = [for time in var.recurrence.daily : {
    hour   = tonumber(split(":", time)[0])
    minute = tonumber(split(":", time)[1])
  }]
}

resource "aws_ssmcontacts_rotation" "this" {
  name         = var.rotation_name
  contact_ids  = var.contact_arns
  time_zone_id = var.time_zone_id
  start_time   = var.start_time
  tags         = var.tags

  recurrence {
    number_of_on_calls    = var.recurrence.on_calls
    recurrence_multiplier = var.recurrence.every

    dynamic "daily_settings" {
      for_each = local.daily_handoffs
      content {
        hour_of_day    = daily_settings.value.hour
        minute_of_hour = daily_settings.value.minute
      }
    }

    dynamic "weekly_settings" {
      for_each = var.recurrence.weekly
      content {
        day_of_week = weekly_settings.value.day_of_week

        hand_off_time {
          hour_of_day    = tonumber(split(":", weekly_settings.value.hand_off_time)[0])
          minute_of_hour = tonumber(split(":", weekly_settings.value.hand_off_time)[1])
        }
      }
    }

    dynamic "monthly_settings" {
      for_each = var.recurrence.monthly
      content {
        day_of_month = monthly_settings.value.day_of_month

        hand_off_time {
          hour_of_day    = tonumber(split(":", monthly_settings.value.hand_off_time)[0])
          minute_of_hour = tonumber(split(":", monthly_settings.value.hand_off_time)[1])
        }
      }
    }

    dynamic "shift_coverages" {
      for_each = var.recurrence.shift_coverages
      content {
        map_block_key = shift_coverages.key

        dynamic "coverage_times" {
          for_each = shift_coverages.value
          content {
            start {
              hour_of_day    = tonumber(split(":", coverage_times.value.start)[0])
              minute_of_hour = tonumber(split(":", coverage_times.value.start)[1])
            }

            end {
              hour_of_day    = tonumber(split(":", coverage_times.value.end)[0])
              minute_of_hour = tonumber(split(":", coverage_times.value.end)[1])
            }
          }
        }
      }
    }
  }
}

# hashicorp/aws has no argument for an ONCALL_SCHEDULE contact's rotation ids; the awscc (Cloud Control)
# resource does, so the schedule contact that escalation plans target is created through awscc.
resource "awscc_ssmcontacts_contact" "schedule" {
  alias        = var.alias
  display_name = var.display_name
  type         = "ONCALL_SCHEDULE"

  plan = [
    {
      rotation_ids = concat([aws_ssmcontacts_rotation.this.arn], var.additional_rotation_arns)
    }
  ]

  tags = length(var.tags) > 0 ? [for key, value in var.tags : { key = key, value = value }] : null
}
