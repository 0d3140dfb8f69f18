variable "create" {
  description = "Create the account's replication set. An account has exactly one, so set this to false where it already exists: the module then looks it up and only reports its ARN."
  type        = bool
  default     = true
}

variable "regions" {
  description = "Regions that hold a copy of incident data, each with an optional customer managed KMS key ARN (null uses an AWS owned key). Required when create is true."
  type = list(object({
    name        = string
    kms_key_arn = optional(string)
  }))
  default = []

  validation {
    condition     = !var.create || length(var.regions) > 0
    error_message = "regions must name at least one region when create is true."
  }

  validation {
    condition     = alltrue([for region in var.regions : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", region.name))])
    error_message = "Each region name must be an AWS region code such as us-east-1."
  }

  validation {
    condition     = length(distinct([for region in var.regions : region.name])) == length(var.regions)
    error_message = "Each region may appear only once."
  }

  validation {
    condition     = alltrue([for region in var.regions : region.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", region.kms_key_arn))])
    error_message = "kms_key_arn must be a KMS key ARN or null."
  }
}

variable "tags" {
  description = "Tags for the replication set (ignored when create is false)."
  type        = map(string)
  default     = {}
}
