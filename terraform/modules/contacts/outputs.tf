output "contact_arns" {
  description = "Contact ARN by alias, for rotations, escalation plans and response plan engagements."
  value       = { for alias, contact in aws_ssmcontacts_contact.this : alias => contact.arn }
}

output "channel_arns" {
  description = "Contact channel ARN keyed \"alias/channel-key\"."
  value       = { for key, channel in aws_ssmcontacts_contact_channel.this : key => channel.arn }
}

output "channel_activation_status" {
  description = "Activation status keyed \"alias/channel-key\"; channels page only once ACTIVATED."
  value       = { for key, channel in aws_ssmcontacts_contact_channel.this : key => channel.activation_status }
}
