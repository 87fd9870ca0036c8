# One ECS service on Fargate and what every service here needs around it: its log group, an execution role (image,
# logs, the secrets it is given), a task role with ECS Exec, the task definition of its one container, and optionally
# a Cloud Map registration and an ALB target. The service modules (kong, kongsync, nyan) add their own specifics.
data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  log_configuration = {
    logDriver = "awslogs"
    options = {
      awslogs-group         = aws_cloudwatch_log_group.this.name
      awslogs-region        = var.region
      awslogs-stream-prefix = var.container_name
    }
  }

  # Optional keys are left out of the container definition rather than written empty.
  container = merge(
    {
      name                   = var.container_name
      image                  = var.image
      essential              = true
      readonlyRootFilesystem = false
      logConfiguration       = local.log_configuration
      linuxParameters        = { initProcessEnabled = true }
    },
    length(var.environment) == 0 ? {} : {
      environment = [for name in sort(keys(var.environment)) : { name = name, value = var.environment[name] }]
    },
    # Secrets reach the container through ECS, which reads them at task start with the execution role, so they
    # never appear in the task definition or in Terraform's plan.
    length(var.secrets) == 0 ? {} : {
      secrets = [for name in sort(keys(var.secrets)) : { name = name, valueFrom = var.secrets[name] }]
    },
    var.entry_point == null ? {} : { entryPoint = var.entry_point },
    var.command == null ? {} : { command = var.command },
    var.stop_timeout == null ? {} : { stopTimeout = var.stop_timeout },
    length(var.port_mappings) == 0 ? {} : {
      portMappings = [for port in var.port_mappings : { name = port.name, containerPort = port.port, protocol = "tcp" }]
    },
    var.health_check == null ? {} : {
      healthCheck = {
        command     = var.health_check.command
        interval    = var.health_check.interval
        timeout     = var.health_check.timeout
        retries     = var.health_check.retries
        startPeriod = var.health_check.start_period
      }
    },
  )

  reads_secrets = length(var.execution_role_statements) > 0
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days

  tags = merge(var.tags, { Name = var.name })
}

# --- IAM: the execution role pulls the image, writes logs and reads the secrets; the task role has ECS Exec (the
# calling module attaches whatever else its tasks need).

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
  description        = "ECS agent for ${var.name}: image, logs${local.reads_secrets ? ", secrets" : ""}"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json

  tags = merge(var.tags, { Name = "${var.name}-execution" })
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  count = local.reads_secrets ? 1 : 0

  dynamic "statement" {
    for_each = var.execution_role_statements

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  count = local.reads_secrets ? 1 : 0

  name   = "read-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets[0].json
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  description        = coalesce(var.task_role_description, "${var.name}'s tasks: ECS Exec only")
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json

  tags = merge(var.tags, { Name = "${var.name}-task" })
}

resource "aws_iam_role_policy_attachment" "task_exec" {
  role       = aws_iam_role.task.name
  policy_arn = var.exec_policy_arn
}

# --- Cloud Map: A records of every task, and SRV records when a port is given.

resource "aws_service_discovery_service" "this" {
  count = var.service_discovery == null ? 0 : 1

  name          = var.service_discovery.name
  description   = var.service_discovery.description
  force_destroy = true

  dns_config {
    namespace_id   = var.service_discovery.namespace_id
    routing_policy = "MULTIVALUE"

    dynamic "dns_records" {
      for_each = var.service_discovery.port == null ? ["A"] : ["A", "SRV"]

      content {
        type = dns_records.value
        ttl  = 10
      }
    }
  }

  health_check_custom_config {
    failure_threshold = 1
  }

  tags = merge(var.tags, { Name = var.service_discovery.name })
}

# --- ECS

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_ecs_service" "this" {
  name                    = var.name
  cluster                 = var.cluster_arn
  task_definition         = aws_ecs_task_definition.this.arn
  desired_count           = var.desired_count
  enable_execute_command  = var.enable_execute_command
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent
  health_check_grace_period_seconds  = var.health_check_grace_period_seconds

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

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [var.load_balancer]

    content {
      target_group_arn = load_balancer.value.target_group_arn
      container_name   = var.container_name
      container_port   = load_balancer.value.container_port
    }
  }

  dynamic "service_registries" {
    for_each = aws_service_discovery_service.this

    content {
      registry_arn   = service_registries.value.arn
      container_name = var.service_discovery.port == null ? null : var.container_name
      container_port = var.service_discovery.port
    }
  }

  tags = merge(var.tags, { Name = var.name })
}
