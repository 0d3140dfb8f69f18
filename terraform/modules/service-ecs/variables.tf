variable "name" {
  description = "Name of the service; prefixes every resource the module makes (cluster, task family, Redis, log group)."
  type        = string
  default     = "versus"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name))
    error_message = "name must be 2-32 characters of lowercase letters, digits and '-', starting with a letter (ElastiCache and ALB limits)."
  }
}

variable "image" {
  description = "Container image of the receiver (built with scripts/image), e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/versus:0.1.0."
  type        = string

  validation {
    condition     = length(var.image) > 0 && !can(regex("\\s", var.image))
    error_message = "image must be a non-empty image reference without spaces."
  }
}

variable "config_yaml" {
  description = "The receiver's config.yaml as text (versus-gen writes it). Secrets must appear only as $${VAR} references to the names in `secrets`; the text is passed to the task as plain environment."
  type        = string

  validation {
    condition     = !can(regex("(?i)(xox[abpr]-[0-9a-z-]+|password:\\s*[^$\\s{])", var.config_yaml))
    error_message = "config_yaml must not hold secret values: reference them as $${VAR} and give each in `secrets`."
  }
}

variable "task_role_arn" {
  description = "ARN of the role the receiver runs as: the versus-iam module's role_arn (created with runtime = \"ecs\")."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", var.task_role_arn))
    error_message = "task_role_arn must be an IAM role ARN."
  }
}

variable "secrets" {
  description = "Environment variable name => ARN of a Secrets Manager secret or an SSM SecureString parameter (e.g. SLACK_TOKEN, SLACK_SIGNING_SECRET, VERSUS_ACK_SECRET, VERSUS_INTAKE_PASSWORD). The execution role may read exactly these, plus the Redis auth token this module stores. Never plain environment."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for key, arn in var.secrets :
      can(regex("^[A-Z_][A-Z0-9_]*$", key)) &&
      can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:|ssm:[a-z0-9-]+:[0-9]{12}:parameter/)", arn))
    ])
    error_message = "secrets keys must be environment variable names (A-Z, 0-9, _) and values Secrets Manager secret or SSM parameter ARNs."
  }

  validation {
    condition     = !contains(keys(var.secrets), "REDIS_PASSWORD")
    error_message = "REDIS_PASSWORD is set by the module from the Redis auth token secret; do not give it in secrets."
  }
}

variable "secrets_kms_key_arn" {
  description = "Customer managed KMS key that encrypts the given secrets and the Redis auth token secret (null: the AWS managed keys)."
  type        = string
  default     = null

  validation {
    condition     = var.secrets_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.secrets_kms_key_arn))
    error_message = "secrets_kms_key_arn must be a KMS key ARN."
  }
}

variable "vpc_id" {
  description = "VPC of the service, Redis and the load balancer."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123abcd."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the tasks and Redis, in at least two Availability Zones; ECS spreads the tasks over them."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "subnet_ids must list at least two subnet ids (one per Availability Zone)."
  }
}

variable "cluster_arn" {
  description = "ARN of an existing ECS cluster to run in; null creates one named after `name`."
  type        = string
  default     = null

  validation {
    condition     = var.cluster_arn == null || can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/", var.cluster_arn))
    error_message = "cluster_arn must be an ECS cluster ARN."
  }
}

variable "desired_count" {
  description = "Tasks to start with; at least two, so one Availability Zone or one task can fail without losing intake. Later changes are ignored (autoscaling owns the count): change a running service's count with autoscaling's min_count or in ECS."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 2 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number >= 2."
  }
}

variable "cpu" {
  description = "Fargate task CPU units (256, 512, 1024, 2048 or 4096)."
  type        = number
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.cpu)
    error_message = "cpu must be 256, 512, 1024, 2048 or 4096."
  }
}

variable "memory" {
  description = "Fargate task memory in MiB; must be a valid combination with cpu (e.g. 512 CPU: 1024-4096)."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory >= 512 && var.memory <= 30720
    error_message = "memory must be between 512 and 30720 MiB."
  }
}

variable "container_port" {
  description = "Port the receiver listens on in the task (the config's port)."
  type        = number
  default     = 3000

  validation {
    condition     = var.container_port >= 1024 && var.container_port <= 65535
    error_message = "container_port must be 1024-65535 (the image runs as a non-root user)."
  }
}

variable "stop_timeout_seconds" {
  description = "Seconds ECS waits after SIGTERM before SIGKILL; the receiver drains requests, finishes or releases claimed work and exits 0 well within 30."
  type        = number
  default     = 30

  validation {
    condition     = var.stop_timeout_seconds >= 10 && var.stop_timeout_seconds <= 120
    error_message = "stop_timeout_seconds must be 10-120 (the Fargate maximum)."
  }
}

variable "alertmanager_cidrs" {
  description = "CIDR blocks of the Alertmanagers that post to the receiver (reach the service port, and the load balancer when there is one)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.alertmanager_cidrs : can(cidrhost(cidr, 0)) && cidr != "0.0.0.0/0"])
    error_message = "alertmanager_cidrs must be valid CIDR blocks, and not 0.0.0.0/0."
  }
}

variable "alertmanager_security_group_ids" {
  description = "Security groups of the Alertmanagers that post to the receiver."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.alertmanager_security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "alertmanager_security_group_ids must be security group ids (sg-...)."
  }
}

variable "load_balancer" {
  description = "Application Load Balancer with HTTPS in front of the tasks (ack links and Slack interactions need a reachable public_host); null for none. `subnet_ids` are public subnets for an internet-facing one; `ingress_cidrs` who may reach it besides the Alertmanagers (people, Slack)."
  type = object({
    internal            = optional(bool, false)
    subnet_ids          = list(string)
    certificate_arn     = string
    ingress_cidrs       = optional(list(string), [])
    ssl_policy          = optional(string, "ELBSecurityPolicy-TLS13-1-2-2021-06")
    deletion_protection = optional(bool, true)
    access_logs_bucket  = optional(string)
    domain_name         = optional(string)
    route53_zone_id     = optional(string)
  })
  default = null

  validation {
    condition     = var.load_balancer == null || try(length(var.load_balancer.subnet_ids) >= 2, false)
    error_message = "load_balancer.subnet_ids must list at least two subnets in different Availability Zones."
  }

  validation {
    condition     = var.load_balancer == null || can(regex("^arn:aws[a-z-]*:acm:", try(var.load_balancer.certificate_arn, "")))
    error_message = "load_balancer.certificate_arn must be an ACM certificate ARN."
  }

  validation {
    condition     = var.load_balancer == null || try((var.load_balancer.domain_name == null) == (var.load_balancer.route53_zone_id == null), false)
    error_message = "load_balancer.domain_name and load_balancer.route53_zone_id go together."
  }

  validation {
    condition     = var.load_balancer == null || try(alltrue([for cidr in var.load_balancer.ingress_cidrs : can(cidrhost(cidr, 0))]), false)
    error_message = "load_balancer.ingress_cidrs must be valid CIDR blocks."
  }
}

variable "redis" {
  description = "The ElastiCache replication group the module makes (Multi-AZ automatic failover, TLS, encryption at rest, auth token, maxmemory-policy noeviction). Ignored when existing_redis is set."
  type = object({
    engine                   = optional(string, "valkey")
    engine_version           = optional(string, "8.0")
    parameter_group_family   = optional(string, "valkey8")
    node_type                = optional(string, "cache.t4g.small")
    replicas                 = optional(number, 1)
    snapshot_retention_limit = optional(number, 7)
    kms_key_arn              = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["valkey", "redis"], var.redis.engine)
    error_message = "redis.engine must be valkey or redis."
  }

  validation {
    condition     = var.redis.replicas >= 1 && var.redis.replicas <= 5
    error_message = "redis.replicas must be 1-5: Multi-AZ failover needs at least one replica."
  }

  validation {
    condition     = var.redis.snapshot_retention_limit >= 1 && var.redis.snapshot_retention_limit <= 35
    error_message = "redis.snapshot_retention_limit must be 1-35 days."
  }
}

variable "redis_auth_token" {
  description = "Auth token of the Redis the module makes (16-128 characters, no @, \" or /). Stored in a Secrets Manager secret the tasks read as REDIS_PASSWORD; it is also in the Terraform state (as sensitive), so keep the state encrypted. Null with existing_redis."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.redis_auth_token == null || can(regex("^[^@\"/]{16,128}$", var.redis_auth_token))
    error_message = "redis_auth_token must be 16-128 characters without @, \" or /."
  }
}

variable "existing_redis" {
  description = "Use this Redis instead of making one: its TLS host and port, the ARN of the secret holding its password (or null), and its security group, which the module opens to the service on that port."
  type = object({
    host                = string
    port                = optional(number, 6379)
    password_secret_arn = optional(string)
    security_group_id   = string
  })
  default = null

  validation {
    condition     = var.existing_redis == null || try(can(regex("^sg-[0-9a-f]+$", var.existing_redis.security_group_id)), false)
    error_message = "existing_redis.security_group_id must be a security group id."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the receiver's logs."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key that encrypts the log group (null: CloudWatch Logs' own encryption). The key policy must allow the logs service."
  type        = string
  default     = null
}

variable "autoscaling" {
  description = "Target-tracking autoscaling on average CPU between min_count (>= 2) and max_count; null keeps desired_count."
  type = object({
    min_count          = optional(number, 2)
    max_count          = number
    cpu_target_percent = optional(number, 60)
  })
  default = null

  validation {
    condition     = var.autoscaling == null || try(var.autoscaling.min_count >= 2 && var.autoscaling.max_count >= var.autoscaling.min_count, false)
    error_message = "autoscaling needs min_count >= 2 and max_count >= min_count."
  }
}

variable "tags" {
  description = "Tags for every resource the module makes."
  type        = map(string)
  default     = {}
}
