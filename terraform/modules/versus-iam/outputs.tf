output "role_arn" {
  description = "ARN of the role Versus runs as."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the role Versus runs as."
  value       = aws_iam_role.this.name
}

output "policy_arn" {
  description = "ARN of the least-privilege policy."
  value       = aws_iam_policy.this.arn
}

output "policy_json" {
  description = "The least-privilege policy document, for review."
  value       = data.aws_iam_policy_document.versus.json
}

output "instance_profile_arn" {
  description = "ARN of the instance profile when runtime is ec2, otherwise null."
  value       = one(aws_iam_instance_profile.this[*].arn)
}
