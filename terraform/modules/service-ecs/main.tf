locals {
  partition    = data.aws_partition.current.partition
  region       = data.aws_region.current.region
  create_redis = var.existing_redis == null
  cluster_arn  = var.cluster_arn != null ? var.cluster_arn : aws_ecs_cluster.this[0].arn

  redis_host       = local.create_redis ? aws_elasticache_replication_group.this[0].primary_endpoint_address : var.existing_redis.host
  redis_port       = local.create_redis ? 6379 : var.existing_redis.port
  redis_secret_arn = local.create_redis ? aws_secretsmanager_secret.redis_auth[0].arn : try(var.existing_redis.password_secret_arn, null)
  redis_sg_id      = local.create_redis ? aws_security_group.redis[0].id : var.existing_redis.security_group_id

  all_secrets = merge(var.secrets, local.redis_secret_arn == null ? {} : { REDIS_PASSWORD = local.redis_secret_arn })
  secret_arns = sort(distinct([for arn in values(local.all_secrets) : arn if strcontains(arn, ":secretsmanager:")]))
  param_arns  = sort(distinct([for arn in values(local.all_secrets) : arn if strcontains(arn, ":ssm:")]))

  # An image in ECR is pulled with the execution role, from its own repository only.
  ecr_image          = regex("^(?:([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+))?", var.image)
  ecr_repository_arn = local.ecr_image[0] == null ? null : "arn:${local.partition}:ecr:${local.ecr_image[1]}:${local.ecr_image[0]}:repository/${local.ecr_image[2]}"

  health_url = "http://127.0.0.1:${var.container_port}/healthz"
  # The image reads its config from a file; on Fargate the file is written from the environment to /tmp (a
  # task volume, as the root filesystem is read-only), then `exec` makes versus PID 1 so it gets SIGTERM.
  start = "printf '%s' \"$VERSUS_CONFIG_YAML\" > /tmp/config.yaml && exec versus serve --host 0.0.0.0 --port ${var.container_port} --config /tmp/config.yaml"

  container = {
    name                   = "versus"
    image                  = var.image
    essential              = true
    readonlyRootFilesystem = true
    user                   = "10001:10001"
    entryPoint             = ["/bin/sh", "-c"]
    command                = [local.start]
    stopTimeout            = var.stop_timeout_seconds
    portMappings           = [{ containerPort = var.container_port, protocol = "tcp" }]
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    environment = [
      { name = "VERSUS_CONFIG_YAML", value = var.config_yaml },
      { name = "REDIS_HOST", value = local.redis_host },
      { name = "REDIS_PORT", value = tostring(local.redis_port) },
      { name = "VERSUS_HEALTH_URL", value = local.health_url },
    ]
    secrets = [for key in sort(keys(local.all_secrets)) : { name = key, valueFrom = local.all_secrets[key] }]
    healthCheck = {
      command     = ["CMD", "python3", "-c", "import os, urllib.request; urllib.request.urlopen(os.environ['VERSUS_HEALTH_URL'], timeout=4)"]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 20
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = local.region
        awslogs-stream-prefix = "versus"
      }
    }
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

# --- cluster, logs, roles ---------------------------------------------------------------------------------

resource "aws_ecs_cluster" "this" {
  count = var.cluster_arn == null ? 1 : 0
  name  = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    sid     = "EcsTasksAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# The execution role starts the task: it pulls the image, writes logs and reads exactly the secrets the
# task is given. The receiver itself runs as task_role_arn (versus-iam).
data "aws_iam_policy_document" "execution" {
  dynamic "statement" {
    for_each = local.ecr_repository_arn == null ? [] : [1]
    content {
      sid       = "EcrLogin"
      effect    = "Allow"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = local.ecr_repository_arn == null ? [] : [1]
    content {
      sid       = "PullTheImage"
      effect    = "Allow"
      actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
      resources = [local.ecr_repository_arn]
    }
  }

  statement {
    sid       = "WriteLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  dynamic "statement" {
    for_each = length(local.secret_arns) > 0 ? [1] : []
    content {
      sid       = "ReadTheServiceSecrets"
      effect    = "Allow"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secret_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.param_arns) > 0 ? [1] : []
    content {
      sid       = "ReadTheServiceParameters"
      effect    = "Allow"
      actions   = ["ssm:GetParameters"]
      resources = local.param_arns
    }
  }

  dynamic "statement" {
    for_each = var.secrets_kms_key_arn == null ? [] : [1]
    content {
      sid       = "DecryptTheServiceSecrets"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [var.secrets_kms_key_arn]
    }
  }
}

resource "aws_iam_role" "execution" {
  name_prefix        = "${var.name}-exec-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "execution" {
  name   = "start-${var.name}-tasks"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# --- the service ------------------------------------------------------------------------------------------

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = var.task_role_arn
  container_definitions    = jsonencode([local.container])

  volume {
    name = "tmp"
  }

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name                               = var.name
  cluster                            = local.cluster_arn
  task_definition                    = aws_ecs_task_definition.this.arn
  desired_count                      = var.desired_count
  launch_type                        = "FARGATE"
  platform_version                   = "LATEST"
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = var.load_balancer == null ? null : 30
  propagate_tags                     = "SERVICE"
  enable_ecs_managed_tags            = true

  # Fargate spreads a service's tasks over the Availability Zones of these subnets.
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [1]
    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = "versus"
      container_port   = var.container_port
    }
  }

  # Autoscaling owns the count once the service runs; Terraform sets only the first one.
  lifecycle {
    ignore_changes = [desired_count]
  }

  # A target group must belong to a load balancer (through its listener) before a service can use it.
  depends_on = [aws_lb_listener.https]

  tags = var.tags
}

resource "aws_appautoscaling_target" "this" {
  count              = var.autoscaling == null ? 0 : 1
  service_namespace  = "ecs"
  resource_id        = "service/${element(split("/", local.cluster_arn), 1)}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.autoscaling.min_count
  max_capacity       = var.autoscaling.max_count
}

resource "aws_appautoscaling_policy" "cpu" {
  count              = var.autoscaling == null ? 0 : 1
  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  resource_id        = aws_appautoscaling_target.this[0].resource_id
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value = var.autoscaling.cpu_target_percent

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

# --- security groups: only the load balancer and the Alertmanagers reach the service; only it reaches Redis -

resource "aws_security_group" "service" {
  name_prefix = "${var.name}-service-"
  description = "Versus receiver tasks"
  vpc_id      = var.vpc_id
  tags        = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alertmanager_cidrs" {
  for_each          = toset(var.alertmanager_cidrs)
  security_group_id = aws_security_group.service.id
  description       = "Alertmanager webhooks"
  ip_protocol       = "tcp"
  from_port         = var.container_port
  to_port           = var.container_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alertmanager_groups" {
  for_each                     = toset(var.alertmanager_security_group_ids)
  security_group_id            = aws_security_group.service.id
  description                  = "Alertmanager webhooks"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alb" {
  count                        = var.load_balancer == null ? 0 : 1
  security_group_id            = aws_security_group.service.id
  description                  = "The load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.alb[0].id
}

resource "aws_vpc_security_group_egress_rule" "service_to_redis" {
  security_group_id            = aws_security_group.service.id
  description                  = "Redis"
  ip_protocol                  = "tcp"
  from_port                    = local.redis_port
  to_port                      = local.redis_port
  referenced_security_group_id = local.redis_sg_id
}

resource "aws_vpc_security_group_egress_rule" "service_to_https" {
  security_group_id = aws_security_group.service.id
  description       = "HTTPS to AWS APIs (Incident Manager, Secrets Manager, ECR, logs) and Slack"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "redis" {
  count       = local.create_redis ? 1 : 0
  name_prefix = "${var.name}-redis-"
  description = "Versus Redis: reachable from the Versus service only"
  vpc_id      = var.vpc_id
  tags        = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_service" {
  security_group_id            = local.redis_sg_id
  description                  = "The Versus service"
  ip_protocol                  = "tcp"
  from_port                    = local.redis_port
  to_port                      = local.redis_port
  referenced_security_group_id = aws_security_group.service.id
}

# --- Redis: ElastiCache with Multi-AZ failover, TLS, encryption at rest, auth token, noeviction ------------

resource "aws_secretsmanager_secret" "redis_auth" {
  #checkov:skip=CKV2_AWS_57:ElastiCache must change the token with it (auth_token_update_strategy ROTATE); rotate by changing redis_auth_token, which updates both.
  count       = local.create_redis ? 1 : 0
  name_prefix = "${var.name}/redis-auth-token-"
  description = "Auth token of the Versus ElastiCache replication group; the tasks read it as REDIS_PASSWORD."
  kms_key_id  = var.secrets_kms_key_arn
  tags        = var.tags
}

resource "aws_secretsmanager_secret_version" "redis_auth" {
  count         = local.create_redis ? 1 : 0
  secret_id     = aws_secretsmanager_secret.redis_auth[0].id
  secret_string = var.redis_auth_token
}

resource "aws_elasticache_subnet_group" "this" {
  count       = local.create_redis ? 1 : 0
  name        = var.name
  description = "Versus Redis subnets"
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

# ElastiCache's default parameter groups use volatile-lru; the receiver refuses to run under eviction.
resource "aws_elasticache_parameter_group" "this" {
  count       = local.create_redis ? 1 : 0
  name        = "${var.name}-noeviction"
  family      = var.redis.parameter_group_family
  description = "Versus: never evict (an accepted page must not vanish)"

  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }

  tags = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  count                      = local.create_redis ? 1 : 0
  replication_group_id       = var.name
  description                = "Versus receiver state"
  engine                     = var.redis.engine
  engine_version             = var.redis.engine_version
  node_type                  = var.redis.node_type
  num_cache_clusters         = 1 + var.redis.replicas
  port                       = 6379
  parameter_group_name       = aws_elasticache_parameter_group.this[0].name
  subnet_group_name          = aws_elasticache_subnet_group.this[0].name
  security_group_ids         = [aws_security_group.redis[0].id]
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  kms_key_id                 = var.redis.kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = var.redis_auth_token
  snapshot_retention_limit   = var.redis.snapshot_retention_limit
  auto_minor_version_upgrade = true
  apply_immediately          = false
  tags                       = var.tags

  lifecycle {
    precondition {
      condition     = var.redis_auth_token != null
      error_message = "redis_auth_token is required when the module makes the Redis (existing_redis is null)."
    }
  }
}

# --- optional load balancer with HTTPS --------------------------------------------------------------------

resource "aws_security_group" "alb" {
  count       = var.load_balancer == null ? 0 : 1
  name_prefix = "${var.name}-alb-"
  description = "Versus load balancer: HTTPS from the given sources"
  vpc_id      = var.vpc_id
  tags        = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "alb_https_cidrs" {
  for_each          = var.load_balancer == null ? toset([]) : toset(concat(var.load_balancer.ingress_cidrs, var.alertmanager_cidrs))
  security_group_id = aws_security_group.alb[0].id
  description       = "HTTPS: ack links, Slack interactions, Alertmanager"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "alb_https_alertmanager_groups" {
  for_each                     = var.load_balancer == null ? toset([]) : toset(var.alertmanager_security_group_ids)
  security_group_id            = aws_security_group.alb[0].id
  description                  = "HTTPS from Alertmanager"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  count                        = var.load_balancer == null ? 0 : 1
  security_group_id            = aws_security_group.alb[0].id
  description                  = "The Versus tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.service.id
}

resource "aws_lb" "this" {
  #checkov:skip=CKV2_AWS_28:A WAF web ACL is the caller's choice (aws_wafv2_web_acl_association on alb_arn); intake is authenticated and ack links are signed.
  count                      = var.load_balancer == null ? 0 : 1
  name                       = var.name
  internal                   = var.load_balancer.internal
  load_balancer_type         = "application"
  subnets                    = var.load_balancer.subnet_ids
  security_groups            = [aws_security_group.alb[0].id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.load_balancer.deletion_protection
  tags                       = var.tags

  dynamic "access_logs" {
    for_each = var.load_balancer.access_logs_bucket == null ? [] : [1]
    content {
      bucket  = var.load_balancer.access_logs_bucket
      prefix  = var.name
      enabled = true
    }
  }
}

resource "aws_lb_target_group" "this" {
  #checkov:skip=CKV_AWS_378:TLS ends at the load balancer; the hop to the tasks stays inside the VPC, allowed only from the load balancer's security group.
  count                = var.load_balancer == null ? 0 : 1
  name_prefix          = "vs-"
  port                 = var.container_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = "20"
  tags                 = var.tags

  health_check {
    path                = "/healthz"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "https" {
  count             = var.load_balancer == null ? 0 : 1
  load_balancer_arn = aws_lb.this[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.load_balancer.ssl_policy
  certificate_arn   = var.load_balancer.certificate_arn
  tags              = var.tags

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[0].arn
  }
}

resource "aws_route53_record" "this" {
  count   = try(var.load_balancer.domain_name, null) == null ? 0 : 1
  zone_id = var.load_balancer.route53_zone_id
  name    = var.load_balancer.domain_name
  type    = "A"

  alias {
    name                   = aws_lb.this[0].dns_name
    zone_id                = aws_lb.this[0].zone_id
    evaluate_target_health = true
  }
}
