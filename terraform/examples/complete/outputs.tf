output "response_plan_arns" {
  description = "Response plan ARN by alias: response_plan_arn (platform) and other_response_plan_arns in the receiver's config."
  value = {
    platform = module.platform_critical_plan.arn
    network  = module.network_critical_plan.arn
    app      = module.app_critical_plan.arn
  }
}

output "versus_role_arn" {
  description = "ARN of the role the receiver runs as."
  value       = module.versus_iam.role_arn
}

output "channel_activation_status" {
  description = "Contact channels page only once ACTIVATED."
  value       = module.contacts.channel_activation_status
}
