data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  container_name = "kongsync"
  partition      = data.aws_partition.current.partition
  account_id     = data.aws_caller_identity.current.account_id

  image = var.image != null ? var.image : "${aws_ecr_repository.this[0].repository_url}:${var.image_tag}"

  environment = merge(
    {
      SERVER_PORT                       = tostring(var.http_port)
      MANAGEMENT_SERVER_PORT            = tostring(var.management_port)
      KONGSYNC_GIT_URI                  = var.git_uri
      KONGSYNC_GIT_BRANCH               = var.git_branch
      KONGSYNC_GIT_PATH                 = var.git_path
      KONGSYNC_KONG_DISCOVERY_NAMESPACE = var.namespace_name
      KONGSYNC_KONG_DISCOVERY_SERVICE   = var.kong_discovery_service
      KONGSYNC_DRIFT_INTERVAL           = var.drift_interval
      KONGSYNC_DATA_DIR                 = "/data"
      KONGSYNC_AWS_REGION               = var.region
    },
    var.git_username == null ? {} : { KONGSYNC_GIT_USERNAME = var.git_username },
    var.environment,
  )

  container = {
    name                   = local.container_name
    image                  = local.image
    essential              = true
    readonlyRootFilesystem = false
    portMappings = [
      { name = "http", containerPort = var.http_port, protocol = "tcp" },
      { name = "management", containerPort = var.management_port, protocol = "tcp" },
    ]
    environment = [for name in sort(keys(local.environment)) : { name = name, value = local.environment[name] }]
    # Tokens and webhook secrets come from SSM SecureString parameters, read by ECS at task start.
    secrets = [for name in sort(keys(var.secrets)) : { name = name, valueFrom = var.secrets[name] }]
    healthCheck = {
      command     = ["CMD-SHELL", "curl -fsS http://localhost:${var.management_port}/actuator/health || exit 1"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 90
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = var.region
        awslogs-stream-prefix = local.container_name
      }
    }
    linuxParameters = { initProcessEnabled = true }
  }

  readable_parameter_arns = [
    for path in var.readable_parameter_paths :
    "arn:${local.partition}:ssm:${var.region}:${local.account_id}:parameter${trimsuffix(path, "/")}/*"
  ]
}

resource "aws_ecr_repository" "this" {
  count = var.image == null ? 1 : 0

  name                 = var.name
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.ecr_force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_ecr_lifecycle_policy" "this" {
  count = var.image == null ? 1 : 0

  repository = aws_ecr_repository.this[0].name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 20 images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 20 }
      action       = { type = "expire" }
    }]
  })
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days

  tags = merge(var.tags, { Name = var.name })
}

# --- IAM

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
      values   = [local.account_id]
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
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  statement {
    sid       = "ReadKongsyncSecrets"
    actions   = ["ssm:GetParameters"]
    resources = values(var.secrets)
  }

  statement {
    sid       = "DecryptKongsyncSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  name   = "read-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets.json
}

# The running kongsync: reads SSM parameters under its own path and the route files' path (${{ ssm "/kong/dev/..." }}),
# decrypts them through SSM only, and looks Kong's admin nodes up in its Cloud Map namespace. Nothing else.
data "aws_iam_policy_document" "task" {
  statement {
    sid       = "ReadParameters"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = local.readable_parameter_arns
  }

  statement {
    sid       = "DecryptParametersThroughSsm"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${var.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "DiscoverKongAdminNodes"
    actions   = ["servicediscovery:DiscoverInstances"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "servicediscovery:NamespaceName"
      values   = [var.namespace_name]
    }
  }
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  description        = "kongsync: SSM parameters, Cloud Map discovery"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json

  tags = merge(var.tags, { Name = "${var.name}-task" })
}

resource "aws_iam_role_policy" "task" {
  name   = "kongsync"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

resource "aws_iam_role_policy_attachment" "task_exec" {
  role       = aws_iam_role.task.name
  policy_arn = var.exec_policy_arn
}

# --- ECS: one task, never two (a deployment stops the old task before it starts the new one).

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
  desired_count           = 1
  enable_execute_command  = var.enable_execute_command
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100
  health_check_grace_period_seconds  = 120

  capacity_provider_strategy {
    capacity_provider = "FARGATE"
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
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container_name
    container_port   = var.http_port
  }

  tags = merge(var.tags, { Name = var.name })

  # ECS refuses a target group that no listener uses yet.
  depends_on = [aws_lb_listener_rule.webhooks]
}

# --- ALB: https://<webhook_host>/api/v1/webhooks/* (POST) reaches kongsync; every other path on that host is a 404,
# so the REST API and the actuator stay private.

resource "aws_lb_target_group" "this" {
  name                 = var.target_group_name
  port                 = var.http_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 15

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = tostring(var.management_port)
    path                = "/actuator/health"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(var.tags, { Name = var.target_group_name })
}

resource "aws_lb_listener_rule" "webhooks" {
  listener_arn = var.https_listener_arn
  priority     = var.listener_rule_priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }

  condition {
    host_header {
      values = [var.webhook_host]
    }
  }

  condition {
    path_pattern {
      values = ["/api/v1/webhooks/*"]
    }
  }

  condition {
    http_request_method {
      values = ["POST"]
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-webhooks" })
}

resource "aws_lb_listener_rule" "not_found" {
  listener_arn = var.https_listener_arn
  priority     = var.listener_rule_priority + 1

  action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not found"
      status_code  = "404"
    }
  }

  condition {
    host_header {
      values = [var.webhook_host]
    }
  }

  tags = merge(var.tags, { Name = "${var.name}-not-found" })
}
