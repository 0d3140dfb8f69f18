variable "alias" {
  description = "Alias of the ESCALATION contact: 1-255 lowercase letters, digits, '_' or '-'."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_-]{1,255}$", var.alias))
    error_message = "alias must be 1-255 lowercase letters, digits, '_' or '-'."
  }
}

variable "display_name" {
  description = "Display name of the escalation plan."
  type        = string
}

variable "stages" {
  description = <<-EOT
    Escalation stages in order. Each engages its targets (contact ARNs: PERSONAL contacts or ONCALL_SCHEDULE
    contacts for "whoever is on call") and waits duration_in_minutes (0-30) before the next stage. An
    is_essential target's acknowledgement is needed to stop the plan.
  EOT
  type = list(object({
    duration_in_minutes = number
    targets = list(object({
      contact_arn  = string
      is_essential = optional(bool, false)
    }))
  }))

  validation {
    condition     = length(var.stages) > 0
    error_message = "An escalation plan needs at least one stage."
  }

  validation {
    condition     = alltrue([for stage in var.stages : stage.duration_in_minutes >= 0 && stage.duration_in_minutes <= 30 && floor(stage.duration_in_minutes) == stage.duration_in_minutes])
    error_message = "Stage durations must be whole minutes from 0 to 30."
  }

  validation {
    condition     = alltrue([for stage in var.stages : length(stage.targets) > 0])
    error_message = "Each stage needs at least one target."
  }

  validation {
    condition     = alltrue(flatten([for stage in var.stages : [for target in stage.targets : can(regex("^arn:aws[a-z-]*:ssm-contacts:", target.contact_arn))]]))
    error_message = "Targets must be AWS Incident Manager contact ARNs."
  }
}

variable "tags" {
  description = "Tags for the escalation contact."
  type        = map(string)
  default     = {}
}
