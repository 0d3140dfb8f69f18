output "arn" {
  description = "ARN of the account's replication set, whether created here or looked up."
  value       = one(concat(aws_ssmincidents_replication_set.this[*].arn, data.aws_ssmincidents_replication_set.this[*].arn))
}

output "created" {
  description = "True when this module manages the replication set, false when it only looked it up."
  value       = var.create
}
