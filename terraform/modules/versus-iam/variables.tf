variable "role_name" {
  description = "Name of the role the Versus receiver runs as."
  type        = string
  default     = "VersusIncidentCriticalRole"

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "role_path" {
  description = "IAM path of the role (and instance profile)."
  type        = string
  default     = "/"

  validation {
    condition     = can(regex("^/([\\x21-\\x7e]+/)?$", var.role_path))
    error_message = "role_path must start and end with '/'."
  }
}

variable "runtime" {
  description = "Where the receiver runs, which decides who may assume the role: ec2 (also creates an instance profile), ecs (ECS tasks) or lambda."
  type        = string

  validation {
    condition     = contains(["ec2", "ecs", "lambda"], var.runtime)
    error_message = "runtime must be ec2, ecs or lambda."
  }
}

variable "response_plan_name_pattern" {
  description = "IAM wildcard that response plan names must match for Versus to use them; keeps it to critical plans."
  type        = string
  default     = "*Critical*"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_*?-]{1,200}$", var.response_plan_name_pattern)) && var.response_plan_name_pattern != "*"
    error_message = "response_plan_name_pattern must be a response plan name with * or ? wildcards, and not '*' alone."
  }
}

variable "resolve_on_alert_resolved" {
  description = "Allow ssm-incidents:UpdateIncidentRecord so Versus can resolve an incident when its alert resolves."
  type        = bool
  default     = false
}

variable "permissions_boundary_arn" {
  description = "ARN of a permissions boundary for the role; null for none."
  type        = string
  default     = null
}

variable "additional_policy_arns" {
  description = "Managed policies to attach as well (AWSLambdaBasicExecutionRole for logs under Lambda, say)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for the role, policy and instance profile."
  type        = map(string)
  default     = {}
}
