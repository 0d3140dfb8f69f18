variable "rotation_name" {
  description = "Name of the rotation: letters, digits and '_' only (AWS rejects '-' here, unlike in aliases)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_]{1,255}$", var.rotation_name))
    error_message = "rotation_name must be 1-255 letters, digits or '_'."
  }
}

variable "alias" {
  description = "Alias of the ONCALL_SCHEDULE contact that escalation plans target: 1-255 lowercase letters, digits, '_' or '-'."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_-]{1,255}$", var.alias))
    error_message = "alias must be 1-255 lowercase letters, digits, '_' or '-'."
  }
}

variable "display_name" {
  description = "Display name of the ONCALL_SCHEDULE contact."
  type        = string
}

variable "contact_arns" {
  description = "ARNs of the PERSONAL contacts in the rotation, in shift order (1-25)."
  type        = list(string)

  validation {
    condition     = length(var.contact_arns) >= 1 && length(var.contact_arns) <= 25
    error_message = "A rotation takes 1-25 contacts."
  }
}

variable "time_zone_id" {
  description = "IANA time zone of the rotation's handoff and coverage times, such as America/New_York."
  type        = string

  validation {
    condition     = can(regex("^(UTC|[A-Za-z]+(/[A-Za-z0-9_+-]+)+)$", var.time_zone_id))
    error_message = "time_zone_id must be an IANA time zone name such as America/New_York, or UTC."
  }
}

variable "start_time" {
  description = "When the rotation takes effect, RFC 3339 with an offset (2026-01-05T09:00:00-05:00); null starts it now."
  type        = string
  default     = null

  validation {
    condition     = var.start_time == null || can(formatdate("YYYY", var.start_time))
    error_message = "start_time must be an RFC 3339 timestamp with an offset, such as 2026-01-05T09:00:00-05:00."
  }
}

variable "recurrence" {
  description = <<-EOT
    When shifts change hands. Set exactly one of daily (handoff times "HH:MM"), weekly (day_of_week MON-SUN and
    hand_off_time "HH:MM") or monthly (day_of_month 1-31 and hand_off_time "HH:MM"). every is the recurrence
    multiplier (1-100: every 2 weeks, say), on_calls how many contacts are on call per shift.
    shift_coverages limits on-call to the listed hours per day (keys MON-SUN, times "HH:MM"); empty means 24/7.
  EOT
  type = object({
    daily = optional(list(string), [])
    weekly = optional(list(object({
      day_of_week   = string
      hand_off_time = string
    })), [])
    monthly = optional(list(object({
      day_of_month  = number
      hand_off_time = string
    })), [])
    every    = optional(number, 1)
    on_calls = optional(number, 1)
    shift_coverages = optional(map(list(object({
      start = string
      end   = string
    }))), {})
  })

  validation {
    condition     = length([for settings in [var.recurrence.daily, var.recurrence.weekly, var.recurrence.monthly] : settings if length(settings) > 0]) == 1
    error_message = "Set exactly one of recurrence.daily, recurrence.weekly or recurrence.monthly."
  }

  validation {
    condition = alltrue([
      for time in concat(
        var.recurrence.daily,
        [for weekly in var.recurrence.weekly : weekly.hand_off_time],
        [for monthly in var.recurrence.monthly : monthly.hand_off_time],
        flatten([for day, times in var.recurrence.shift_coverages : [for coverage in times : [coverage.start, coverage.end]]]),
      ) : can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", time))
    ])
    error_message = "Handoff and coverage times must be \"HH:MM\" (24-hour)."
  }

  validation {
    condition = alltrue(concat(
      [for weekly in var.recurrence.weekly : contains(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], weekly.day_of_week)],
      [for day in keys(var.recurrence.shift_coverages) : contains(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], day)],
    ))
    error_message = "Days of the week are MON, TUE, WED, THU, FRI, SAT or SUN."
  }

  validation {
    condition     = alltrue([for monthly in var.recurrence.monthly : monthly.day_of_month >= 1 && monthly.day_of_month <= 31 && floor(monthly.day_of_month) == monthly.day_of_month])
    error_message = "day_of_month must be a whole number 1-31."
  }

  validation {
    condition     = var.recurrence.every >= 1 && var.recurrence.every <= 100 && floor(var.recurrence.every) == var.recurrence.every
    error_message = "recurrence.every must be a whole number 1-100."
  }

  validation {
    condition     = var.recurrence.on_calls >= 1 && var.recurrence.on_calls <= length(var.contact_arns) && floor(var.recurrence.on_calls) == var.recurrence.on_calls
    error_message = "recurrence.on_calls must be a whole number from 1 to the number of contacts."
  }
}

variable "additional_rotation_arns" {
  description = "Further rotations (another time zone's, say) that the same on-call schedule contact should hold."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for the rotation and the schedule contact."
  type        = map(string)
  default     = {}
}
