output "rotation_arn" {
  description = "ARN of the rotation."
  value       = aws_ssmcontacts_rotation.this.arn
}

output "contact_arn" {
  description = "ARN of the ONCALL_SCHEDULE contact: the target escalation plans and response plans engage."
  value       = awscc_ssmcontacts_contact.schedule.arn
}

output "alias" {
  description = "Alias of the ONCALL_SCHEDULE contact."
  value       = awscc_ssmcontacts_contact.schedule.alias
}
