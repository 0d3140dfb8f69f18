locals {
  runtime_principals = {
    ec2    = "ec2.amazonaws.com"
    ecs    = "ecs-tasks.amazonaws.com"
    lambda = "lambda.amazonaws.com"
  }
  partition = data.aws_partition.current.partition
  account   = data.aws_caller_identity.current.account_id
}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "RuntimeAssumesRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = [local.runtime_principals[var.runtime]]
    }
  }
}

# The seed guide's critical-only policy: Versus can only start incidents from response plans whose name
# matches the pattern, so a mis-routed non-critical alert fails at AWS instead of paging someone.
data "aws_iam_policy_document" "versus" {
  statement {
    sid    = "StartCriticalIncidents"
    effect = "Allow"
    actions = [
      "ssm-incidents:StartIncident",
      "ssm-incidents:GetResponsePlan",
      "ssm-incidents:ListResponsePlans",
      "ssm-incidents:TagResource",
    ]
    resources = [
      "arn:${local.partition}:ssm-incidents:*:${local.account}:response-plan/${var.response_plan_name_pattern}",
      "arn:${local.partition}:ssm-incidents:*:${local.account}:incident/*",
    ]
  }

  dynamic "statement" {
    for_each = var.resolve_on_alert_resolved ? ["resolve"] : []
    content {
      sid       = "ResolveIncidents"
      effect    = "Allow"
      actions   = ["ssm-incidents:UpdateIncidentRecord"]
      resources = ["arn:${local.partition}:ssm-incidents:*:${local.account}:incident-record/*"]
    }
  }

  statement {
    sid       = "ReadContacts"
    effect    = "Allow"
    actions   = ["ssm-contacts:GetContact"]
    resources = ["arn:${local.partition}:ssm-contacts:*:${local.account}:contact/*"]
  }

  # ListContacts has no resource-level permissions, so it can only be granted on "*".
  statement {
    sid       = "ListContacts"
    effect    = "Allow"
    actions   = ["ssm-contacts:ListContacts"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  path                 = var.role_path
  description          = "Versus incident receiver: starts AWS Incident Manager incidents from critical response plans."
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_policy" "this" {
  name        = "${var.role_name}Policy"
  path        = var.role_path
  description = "Least privilege for Versus: critical response plans only (${var.response_plan_name_pattern})."
  policy      = data.aws_iam_policy_document.versus.json
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.this.arn
}

resource "aws_iam_role_policy_attachment" "additional" {
  for_each = toset(var.additional_policy_arns)

  role       = aws_iam_role.this.name
  policy_arn = each.value
}

resource "aws_iam_instance_profile" "this" {
  count = var.runtime == "ec2" ? 1 : 0

  name = var.role_name
  path = var.role_path
  role = aws_iam_role.this.name
  tags = var.tags
}
