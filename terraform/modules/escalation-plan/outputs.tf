output "arn" {
  description = "ARN of the ESCALATION contact, for response plan engagements."
  value       = aws_ssmcontacts_contact.this.arn
}

output "alias" {
  description = "Alias of the ESCALATION contact."
  value       = aws_ssmcontacts_contact.this.alias
}
