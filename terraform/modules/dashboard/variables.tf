variable "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  type        = string
  default     = "Versus-OnCall"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.dashboard_name))
    error_message = "dashboard_name must be 1-255 letters, digits, '_' or '-'."
  }
}

variable "namespace" {
  description = "CloudWatch namespace the Versus receiver writes its Embedded Metric Format metrics to."
  type        = string
  default     = "Versus"

  validation {
    condition     = length(var.namespace) >= 1 && length(var.namespace) <= 255 && !startswith(var.namespace, "AWS/") && !strcontains(var.namespace, "'")
    error_message = "namespace must be 1-255 characters, must not start with AWS/ and must not contain a single quote."
  }
}

variable "period_seconds" {
  description = "Aggregation period of every widget, in seconds (60 or a multiple of 60)."
  type        = number
  default     = 300

  validation {
    condition     = var.period_seconds >= 60 && var.period_seconds % 60 == 0
    error_message = "period_seconds must be a multiple of 60."
  }
}

variable "region" {
  description = "Region whose metrics the widgets show; null uses the provider's region."
  type        = string
  default     = null
}
