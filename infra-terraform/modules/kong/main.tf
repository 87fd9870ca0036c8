data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  container_name = "kong"

  database_environment = var.database == null ? {
    KONG_DATABASE = "off"
    } : {
    KONG_DATABASE    = "postgres"
    KONG_PG_HOST     = var.database.host
    KONG_PG_PORT     = tostring(var.database.port)
    KONG_PG_DATABASE = var.database.name
    KONG_PG_USER     = var.database.username
    KONG_PG_SSL      = "on"
  }

  # The admin API binds every interface of the task's ENI, which has a private address only; the security group
  # admits kongsync's tasks and nothing else. The GUI (Kong Manager) is off.
  environment = merge({
    KONG_PROXY_LISTEN      = "0.0.0.0:${var.proxy_port}"
    KONG_ADMIN_LISTEN      = "0.0.0.0:${var.admin_port}"
    KONG_STATUS_LISTEN     = "0.0.0.0:${var.status_port}"
    KONG_ADMIN_GUI_LISTEN  = "off"
    KONG_PROXY_ACCESS_LOG  = "/dev/stdout"
    KONG_ADMIN_ACCESS_LOG  = "/dev/stdout"
    KONG_PROXY_ERROR_LOG   = "/dev/stderr"
    KONG_ADMIN_ERROR_LOG   = "/dev/stderr"
    KONG_TRUSTED_IPS       = var.trusted_cidr
    KONG_REAL_IP_HEADER    = "X-Forwarded-For"
    KONG_REAL_IP_RECURSIVE = "on"
  }, local.database_environment, var.environment)

  # Secrets reach the container through the task definition's `secrets`: ECS reads them at task start with the
  # execution role, so they never appear in the task definition or in Terraform's plan.
  secrets = merge(
    var.secrets,
    var.database == null ? {} : { KONG_PG_PASSWORD = "${var.database.password_secret_arn}:password::" },
  )

  log_configuration = {
    logDriver = "awslogs"
    options = {
      awslogs-group         = aws_cloudwatch_log_group.this.name
      awslogs-region        = var.region
      awslogs-stream-prefix = local.container_name
    }
  }

  # No `secrets` key at all when there is none (DB-less without secret settings).
  secrets_entry = length(local.secrets) == 0 ? {} : {
    secrets = [for name in sort(keys(local.secrets)) : { name = name, valueFrom = local.secrets[name] }]
  }

  container_base = merge(local.secrets_entry, {
    name                   = local.container_name
    image                  = var.image
    essential              = true
    readonlyRootFilesystem = false
    environment            = [for name in sort(keys(local.environment)) : { name = name, value = local.environment[name] }]
    logConfiguration       = local.log_configuration
    linuxParameters        = { initProcessEnabled = true }
  })

  kong_container = merge(local.container_base, {
    portMappings = [
      { name = "proxy", containerPort = var.proxy_port, protocol = "tcp" },
      { name = "admin", containerPort = var.admin_port, protocol = "tcp" },
      { name = "status", containerPort = var.status_port, protocol = "tcp" },
    ]
    healthCheck = {
      command     = ["CMD", "kong", "health"]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 30
    }
  })

  migrations_container = merge(local.container_base, {
    command = ["kong", "migrations", "bootstrap"]
  })

}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days

  tags = merge(var.tags, { Name = var.name })
}

# --- IAM: the execution role pulls the image, writes logs and reads the secrets; the task role has ECS Exec only.

data "aws_iam_policy_document" "assume_ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  description        = "ECS agent for ${var.name}: image, logs, secrets"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json

  tags = merge(var.tags, { Name = "${var.name}-execution" })
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  dynamic "statement" {
    for_each = length(var.secrets) > 0 ? [values(var.secrets)] : []

    content {
      sid       = "ReadKongSettings"
      actions   = ["ssm:GetParameters"]
      resources = statement.value
    }
  }

  dynamic "statement" {
    for_each = var.database == null ? [] : [var.database.password_secret_arn]

    content {
      sid       = "ReadDatabasePassword"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "DecryptSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  name   = "read-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets.json
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  description        = "Kong's tasks: ECS Exec only"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json

  tags = merge(var.tags, { Name = "${var.name}-task" })
}

resource "aws_iam_role_policy_attachment" "task_exec" {
  role       = aws_iam_role.task.name
  policy_arn = var.exec_policy_arn
}

# --- Cloud Map: kong-admin.ecs.local, A and SRV records, so kongsync finds every node's address and admin port.

resource "aws_service_discovery_service" "admin" {
  name          = var.admin_discovery_name
  description   = "Kong's admin API nodes (port ${var.admin_port}); reachable from kongsync only"
  force_destroy = true

  dns_config {
    namespace_id   = var.namespace_id
    routing_policy = "MULTIVALUE"

    dns_records {
      type = "A"
      ttl  = 10
    }

    dns_records {
      type = "SRV"
      ttl  = 10
    }
  }

  health_check_custom_config {
    failure_threshold = 1
  }

  tags = merge(var.tags, { Name = var.admin_discovery_name })
}

# --- Kong

resource "aws_ecs_task_definition" "kong" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.kong_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_ecs_service" "kong" {
  name                    = var.name
  cluster                 = var.cluster_arn
  task_definition         = aws_ecs_task_definition.kong.arn
  desired_count           = var.desired_count
  enable_execute_command  = var.enable_execute_command
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  # Long enough for kongsync to configure a new DB-less node (its drift interval) before the ALB's checks count.
  health_check_grace_period_seconds = var.health_check_grace_period_seconds

  capacity_provider_strategy {
    capacity_provider = var.capacity_provider
    weight            = 1
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [var.security_group_id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = var.target_group_arn
    container_name   = local.container_name
    container_port   = var.proxy_port
  }

  service_registries {
    registry_arn   = aws_service_discovery_service.admin.arn
    container_name = local.container_name
    container_port = var.admin_port
  }

  tags = merge(var.tags, { Name = var.name })
}

# --- Postgres mode: `kong migrations bootstrap` as a one-off task (see the run_migrations_command output).

resource "aws_ecs_task_definition" "migrations" {
  count = var.database == null ? 0 : 1

  family                   = "${var.name}-migrations"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.migrations_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  tags = merge(var.tags, { Name = "${var.name}-migrations" })
}
