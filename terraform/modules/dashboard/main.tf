data "aws_region" "current" {}

locals {
  ns     = var.namespace
  period = var.period_seconds

  # SEARCH finds every dimension value the receiver has emitted (services, results, people) without the
  # dashboard having to list them.
  widgets = [
    {
      title   = "Incidents received by service"
      metrics = [[{ expression = "SEARCH('{${local.ns},Service} MetricName=\"IncidentsReceived\"', 'Sum', ${local.period})", id = "received" }]]
      stat    = "Sum"
    },
    {
      title = "Time to acknowledge (seconds)"
      metrics = [
        [local.ns, "TimeToAcknowledge", { stat = "Average", label = "mean (MTTA)" }],
        [local.ns, "TimeToAcknowledge", { stat = "p90", label = "p90" }],
      ]
      stat = "Average"
    },
    {
      title = "Time to resolve (seconds)"
      metrics = [
        [local.ns, "TimeToResolve", { stat = "Average", label = "mean (MTTR)" }],
        [local.ns, "TimeToResolve", { stat = "p90", label = "p90" }],
      ]
      stat = "Average"
    },
    {
      title   = "Escalations by result"
      metrics = [[{ expression = "SEARCH('{${local.ns},Result} MetricName=\"Escalations\"', 'Sum', ${local.period})", id = "escalations" }]]
      stat    = "Sum"
    },
    {
      title   = "On-call pages by person"
      metrics = [[{ expression = "SEARCH('{${local.ns},Person} MetricName=\"OnCallPages\"', 'Sum', ${local.period})", id = "pages" }]]
      stat    = "Sum"
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.dashboard_name
  dashboard_body = jsonencode({
    widgets = [
      for index, widget in local.widgets : {
        type   = "metric"
        x      = (index % 2) * 12
        y      = floor(index / 2) * 6
        width  = 12
        height = 6
        properties = {
          title   = widget.title
          region  = coalesce(var.region, data.aws_region.current.region)
          view    = "timeSeries"
          stacked = false
          period  = local.period
          stat    = widget.stat
          metrics = widget.metrics
        }
      }
    ]
  })
}
