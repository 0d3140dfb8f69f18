variable "contacts" {
  description = <<-EOT
    Personal contacts keyed by alias (lowercase letters, digits, '_' and '-', 1-255 characters; AWS rejects
    anything else). Each has a display name, its channels keyed by a short key used in channel names and in the
    engagement plan, and an optional engagement plan: stages that engage some of the contact's channels, each
    waiting duration_in_minutes (0-30) before the next. Without a plan, every channel is engaged at once.
  EOT
  type = map(object({
    display_name = string
    channels = map(object({
      type    = string
      address = string
    }))
    engagement_plan = optional(list(object({
      duration_in_minutes       = number
      channels                  = list(string)
      retry_interval_in_minutes = optional(number)
    })), [])
  }))

  validation {
    condition     = alltrue([for alias in keys(var.contacts) : can(regex("^[a-z0-9_-]{1,255}$", alias))])
    error_message = "Contact aliases must be 1-255 lowercase letters, digits, '_' or '-'."
  }

  validation {
    condition     = alltrue([for contact in values(var.contacts) : length(contact.channels) > 0])
    error_message = "Each contact needs at least one channel."
  }

  validation {
    condition = alltrue(flatten([
      for contact in values(var.contacts) : [
        for channel in values(contact.channels) : contains(["EMAIL", "SMS", "VOICE"], channel.type)
      ]
    ]))
    error_message = "Channel type must be EMAIL, SMS or VOICE."
  }

  validation {
    condition = alltrue(flatten([
      for contact in values(var.contacts) : [
        for channel in values(contact.channels) :
        channel.type == "EMAIL" ? can(regex("^[^@\\s]+@[^@\\s]+$", channel.address)) : can(regex("^\\+[1-9][0-9]{1,14}$", channel.address))
      ]
    ]))
    error_message = "EMAIL channels need an email address; SMS and VOICE channels need an E.164 phone number such as +12065550101."
  }

  validation {
    condition = alltrue(flatten([
      for contact in values(var.contacts) : [
        for stage in contact.engagement_plan : stage.duration_in_minutes >= 0 && stage.duration_in_minutes <= 30
      ]
    ]))
    error_message = "Engagement plan stage durations must be 0-30 minutes."
  }

  validation {
    condition = alltrue(flatten([
      for contact in values(var.contacts) : [
        for stage in contact.engagement_plan : length(stage.channels) > 0 && alltrue([for key in stage.channels : contains(keys(contact.channels), key)])
      ]
    ]))
    error_message = "Each engagement plan stage must engage at least one of the contact's own channel keys."
  }
}

variable "tags" {
  description = "Tags for every contact."
  type        = map(string)
  default     = {}
}
