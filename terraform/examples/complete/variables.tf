variable "account_id" {
  description = "AWS account that holds Incident Manager (examples/seed-teams.yaml: aws.account_id)."
  type        = string
  default     = "123456789012"
}

variable "region" {
  description = "Region of the replication set and every resource (examples/seed-teams.yaml: aws.region)."
  type        = string
  default     = "us-east-1"
}

variable "runtime" {
  description = "Where the Versus receiver runs: ec2, ecs or lambda."
  type        = string
  default     = "ecs"
}
