variable "name" {
  description = "Name of the response plan (letters, digits, '_' and '-'). Versus's IAM policy only lets it start incidents from plans whose name matches its pattern (default *Critical*)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,200}$", var.name))
    error_message = "name must be 1-200 letters, digits, '_' or '-'."
  }
}

variable "display_name" {
  description = "Display name of the response plan; null leaves it unset."
  type        = string
  default     = null
}

variable "title" {
  description = "Title of incidents opened from this plan."
  type        = string

  validation {
    condition     = length(var.title) >= 1 && length(var.title) <= 200
    error_message = "title must be 1-200 characters."
  }
}

variable "summary" {
  description = "Summary of incidents opened from this plan; null leaves it unset."
  type        = string
  default     = null
}

variable "impact" {
  description = "Impact of incidents opened from this plan: 1 (critical) to 5 (no impact)."
  type        = number

  validation {
    condition     = contains([1, 2, 3, 4, 5], var.impact)
    error_message = "impact must be a whole number from 1 to 5."
  }
}

variable "dedupe_string" {
  description = "Incidents with the same dedupe string are merged into one open incident; null uses the plan's name."
  type        = string
  default     = null
}

variable "incident_tags" {
  description = "Tags given to every incident opened from this plan."
  type        = map(string)
  default     = {}
}

variable "escalation_plan_arn" {
  description = "ARN of the ESCALATION contact engaged when an incident opens; null engages only var.engagements."
  type        = string
  default     = null
}

variable "engagements" {
  description = "Further contact ARNs engaged when an incident opens. With the escalation plan, at most 5 in all."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.engagements) + (var.escalation_plan_arn == null ? 0 : 1) <= 5
    error_message = "A response plan engages at most 5 contacts, the escalation plan included."
  }

  validation {
    condition     = alltrue([for arn in var.engagements : can(regex("^arn:aws[a-z-]*:ssm-contacts:", arn))])
    error_message = "engagements must be AWS Incident Manager contact ARNs."
  }
}

variable "chat_channel_sns_topic_arn" {
  description = "ARN of the SNS topic of an AWS Chatbot channel that receives incident updates; null for none."
  type        = string
  default     = null

  validation {
    condition     = var.chat_channel_sns_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.chat_channel_sns_topic_arn))
    error_message = "chat_channel_sns_topic_arn must be an SNS topic ARN."
  }
}

variable "notification_sns_topic_arns" {
  description = "SNS topics notified when an incident from this plan opens."
  type        = list(string)
  default     = []
}

variable "runbook" {
  description = <<-EOT
    SSM Automation runbook started when an incident opens; null for none. role_arn is the role Incident
    Manager assumes to start it; null creates one limited to starting this document. target_account is
    RESPONSE_PLAN_OWNER_ACCOUNT or IMPACTED_ACCOUNT. parameters are static values; dynamic_parameters map a
    parameter to INVOLVED_RESOURCES or INCIDENT_RECORD_ARN.
  EOT
  type = object({
    document_name      = string
    document_version   = optional(string)
    role_arn           = optional(string)
    target_account     = optional(string, "RESPONSE_PLAN_OWNER_ACCOUNT")
    parameters         = optional(map(list(string)), {})
    dynamic_parameters = optional(map(string), {})
  })
  default = null

  validation {
    condition     = var.runbook == null || contains(["RESPONSE_PLAN_OWNER_ACCOUNT", "IMPACTED_ACCOUNT"], try(var.runbook.target_account, ""))
    error_message = "runbook.target_account must be RESPONSE_PLAN_OWNER_ACCOUNT or IMPACTED_ACCOUNT."
  }

  validation {
    condition     = var.runbook == null || alltrue([for value in values(try(var.runbook.dynamic_parameters, {})) : contains(["INVOLVED_RESOURCES", "INCIDENT_RECORD_ARN"], value)])
    error_message = "runbook.dynamic_parameters values must be INVOLVED_RESOURCES or INCIDENT_RECORD_ARN."
  }
}

variable "tags" {
  description = "Tags for the response plan and the runbook role."
  type        = map(string)
  default     = {}
}
