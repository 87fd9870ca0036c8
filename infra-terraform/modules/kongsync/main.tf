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
    var.store == null ? {} : { KONGSYNC_STORE_URL = var.store.url, KONGSYNC_STORE_USERNAME = var.store.username },
    var.environment,
  )

  # The store's password reaches the task like every secret: ECS reads the SSM parameter at task start.
  secrets = merge(
    var.secrets,
    var.store == null ? {} : { KONGSYNC_STORE_PASSWORD = var.store.password_parameter_arn },
  )

  # Several tasks roll: a deployment starts the new tasks, waits for them to turn healthy on the target group, then
  # drains the old ones, so at least half of desired_count always serves webhooks. A single task keeps its history in
  # its own files unless it has a store, so it is stopped, then replaced: two side by side would each sync.
  rolling_deployment         = { minimum_healthy_percent = 50, maximum_percent = 200 }
  stop_then_start_deployment = { minimum_healthy_percent = 0, maximum_percent = 100 }
  deployment                 = var.desired_count > 1 ? local.rolling_deployment : local.stop_then_start_deployment

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

# --- IAM: the running kongsync (the task role, which has ECS Exec too) reads SSM parameters under its own path and
# the route files' path (${{ ssm "/kong/dev/..." }}), decrypts them through SSM only, and looks Kong's admin nodes up
# in its Cloud Map namespace. Nothing else.
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

resource "aws_iam_role_policy" "task" {
  name   = "kongsync"
  role   = module.service.task_role_id
  policy = data.aws_iam_policy_document.task.json
}

# --- ECS: desired_count tasks over the private subnets (one per availability zone; ECS spreads a service's Fargate
# tasks across the zones of its subnets).

module "service" {
  source = "../ecs-service"

  name                   = var.name
  region                 = var.region
  container_name         = local.container_name
  image                  = local.image
  environment            = local.environment
  secrets                = local.secrets
  task_role_description  = "kongsync: SSM parameters, Cloud Map discovery"
  exec_policy_arn        = var.exec_policy_arn
  enable_execute_command = var.enable_execute_command
  cpu                    = var.cpu
  memory                 = var.memory
  cpu_architecture       = var.cpu_architecture
  cluster_arn            = var.cluster_arn
  private_subnet_ids     = var.private_subnet_ids
  security_group_id      = var.security_group_id
  log_retention_days     = var.log_retention_days
  tags                   = var.tags

  port_mappings = [
    { name = "http", port = var.http_port },
    { name = "management", port = var.management_port },
  ]

  health_check = {
    command      = ["CMD-SHELL", "curl -fsS http://localhost:${var.management_port}/actuator/health || exit 1"]
    interval     = 30
    timeout      = 5
    retries      = 3
    start_period = 90
  }

  # Tokens and webhook secrets: SSM SecureString parameters, read by ECS at task start.
  execution_role_statements = [
    { sid = "ReadKongsyncSecrets", actions = ["ssm:GetParameters"], resources = values(local.secrets) },
    { sid = "DecryptKongsyncSecrets", actions = ["kms:Decrypt"], resources = [var.kms_key_arn] },
  ]

  desired_count                      = var.desired_count
  deployment_minimum_healthy_percent = local.deployment.minimum_healthy_percent
  deployment_maximum_percent         = local.deployment.maximum_percent
  health_check_grace_period_seconds  = 120

  # On SIGTERM kongsync lets a running sync go on for kongsync.shutdown-wait (20 s), then gives in-flight requests 5 s:
  # 25 s, inside this with room to spare. The ALB has stopped sending it requests by then (deregistration_delay).
  stop_timeout = 40

  load_balancer = {
    # Through the webhook rule, so the service waits for it: ECS refuses a target group that no listener uses yet.
    target_group_arn = aws_lb_listener_rule.webhooks.action[0].target_group_arn
    container_port   = var.http_port
  }
}

# --- ALB: https://<webhook_host>/api/v1/webhooks/* (POST) reaches kongsync; every other path on that host is a 404,
# so the REST API and the actuator stay private.

resource "aws_lb_target_group" "this" {
  name        = var.target_group_name
  port        = var.http_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id
  # ECS sends SIGTERM only after the target has drained: a webhook delivery takes well under a second, so 30 s lets
  # every request the ALB already forwarded finish on the old task while new ones go to the others.
  deregistration_delay = 30

  lifecycle {
    precondition {
      condition     = var.desired_count == 1 || var.store != null
      error_message = "desired_count above 1 needs store: replicas take turns to sync through the shared store's lock."
    }
  }

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
