output "dashboard_arn" {
  description = "ARN of the dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_arn
}

output "metric_names" {
  description = "The metric names and dimensions the dashboard reads, for whoever emits them."
  value = {
    namespace         = var.namespace
    IncidentsReceived = ["Service"]
    TimeToAcknowledge = []
    TimeToResolve     = []
    Escalations       = ["Result"]
    OnCallPages       = ["Person"]
  }
}
