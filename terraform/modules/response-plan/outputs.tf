output "arn" {
  description = "ARN of the response plan, for Versus's response_plan_arn / other_response_plan_arns."
  value       = aws_ssmincidents_response_plan.this.arn
}

output "name" {
  description = "Name of the response plan."
  value       = aws_ssmincidents_response_plan.this.name
}

output "runbook_role_arn" {
  description = "ARN of the role created for the runbook, or null when none was created."
  value       = one(aws_iam_role.runbook[*].arn)
}
