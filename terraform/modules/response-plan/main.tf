locals {
  create_runbook_role = var.runbook != null && try(var.runbook.role_arn, null) == null
  engagements         = concat(var.escalation_plan_arn == null ? [] : [var.escalation_plan_arn], var.engagements)
}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "runbook_trust" {
  count = local.create_runbook_role ? 1 : 0

  statement {
    sid     = "IncidentManagerStartsRunbook"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ssm-incidents.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_iam_policy_document" "runbook" {
  count = local.create_runbook_role ? 1 : 0

  statement {
    sid       = "StartThisRunbookOnly"
    effect    = "Allow"
    actions   = ["ssm:StartAutomationExecution"]
    resources = ["arn:${data.aws_partition.current.partition}:ssm:*:*:automation-definition/${var.runbook.document_name}:*"]
  }
}

resource "aws_iam_role" "runbook" {
  count = local.create_runbook_role ? 1 : 0

  name_prefix        = "${substr(var.name, 0, 24)}-runbook-"
  description        = "Lets AWS Incident Manager start the ${var.runbook.document_name} runbook for response plan ${var.name}."
  assume_role_policy = data.aws_iam_policy_document.runbook_trust[0].json
  tags               = var.tags
}

resource "aws_iam_role_policy" "runbook" {
  count = local.create_runbook_role ? 1 : 0

  name   = "start-runbook"
  role   = aws_iam_role.runbook[0].id
  policy = data.aws_iam_policy_document.runbook[0].json
}

resource "aws_ssmincidents_response_plan" "this" {
  name         = var.name
  display_name = var.display_name
  engagements  = local.engagements
  chat_channel = var.chat_channel_sns_topic_arn == null ? null : [var.chat_channel_sns_topic_arn]
  tags         = var.tags

  incident_template {
    title         = var.title
    impact        = var.impact
    summary       = var.summary
    dedupe_string = coalesce(var.dedupe_string, var.name)
    incident_tags = var.incident_tags

    dynamic "notification_target" {
      for_each = var.notification_sns_topic_arns
      content {
        sns_topic_arn = notification_target.value
      }
    }
  }

  dynamic "action" {
    for_each = var.runbook == null ? [] : [var.runbook]
    content {
      ssm_automation {
        document_name      = action.value.document_name
        document_version   = action.value.document_version
        role_arn           = coalesce(action.value.role_arn, one(aws_iam_role.runbook[*].arn))
        target_account     = action.value.target_account
        dynamic_parameters = action.value.dynamic_parameters

        dynamic "parameter" {
          for_each = action.value.parameters
          content {
            name   = parameter.key
            values = parameter.value
          }
        }
      }
    }
  }
}
