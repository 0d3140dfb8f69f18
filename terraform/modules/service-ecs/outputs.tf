output "service_url" {
  description = "HTTPS URL of the receiver through the load balancer (its domain_name when given): the config's public_host. Null without a load balancer."
  value = var.load_balancer == null ? null : (
    var.load_balancer.domain_name != null ? "https://${var.load_balancer.domain_name}" : "https://${aws_lb.this[0].dns_name}"
  )
}

output "cluster_arn" {
  description = "ARN of the ECS cluster the service runs in."
  value       = local.cluster_arn
}

output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "task_definition_arn" {
  description = "ARN of the task definition revision in use."
  value       = aws_ecs_task_definition.this.arn
}

output "execution_role_arn" {
  description = "ARN of the task execution role (pulls the image, reads the secrets)."
  value       = aws_iam_role.execution.arn
}

output "service_security_group_id" {
  description = "Security group of the tasks."
  value       = aws_security_group.service.id
}

output "alb_arn" {
  description = "ARN of the load balancer (e.g. for a WAF association); null without one."
  value       = one(aws_lb.this[*].arn)
}

output "alb_dns_name" {
  description = "DNS name of the load balancer; null without one."
  value       = one(aws_lb.this[*].dns_name)
}

output "redis_host" {
  description = "Primary endpoint of Redis (TLS)."
  value       = local.redis_host
}

output "redis_auth_secret_arn" {
  description = "ARN of the secret holding the Redis auth token (null for an existing Redis without one)."
  value       = local.redis_secret_arn
}

output "log_group_name" {
  description = "CloudWatch log group of the receiver."
  value       = aws_cloudwatch_log_group.this.name
}
