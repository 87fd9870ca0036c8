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

  # Secret settings come through the task definition's `secrets` (see the ecs-service module).
  secrets = merge(
    var.secrets,
    var.database == null ? {} : { KONG_PG_PASSWORD = "${var.database.password_secret_arn}:password::" },
  )

  # The execution role reads exactly the secrets above.
  execution_role_statements = concat(
    length(var.secrets) == 0 ? [] : [
      { sid = "ReadKongSettings", actions = ["ssm:GetParameters"], resources = values(var.secrets) },
    ],
    var.database == null ? [] : [
      { sid = "ReadDatabasePassword", actions = ["secretsmanager:GetSecretValue"], resources = [var.database.password_secret_arn] },
    ],
    [{ sid = "DecryptSecrets", actions = ["kms:Decrypt"], resources = [var.kms_key_arn] }],
  )

  # The same container, without its ports and health check, running the migrations once.
  migrations_container = merge(
    { for key, value in module.service.container_definition : key => value if !contains(["portMappings", "healthCheck"], key) },
    { command = ["kong", "migrations", "bootstrap"] },
  )
}

# Kong's tasks, registered in Cloud Map as kong-admin.ecs.local with A and SRV records, so kongsync finds every
# node's address and admin port. The task role has ECS Exec only.
module "service" {
  source = "../ecs-service"

  name                      = var.name
  region                    = var.region
  container_name            = local.container_name
  image                     = var.image
  environment               = local.environment
  secrets                   = local.secrets
  execution_role_statements = local.execution_role_statements
  task_role_description     = "Kong's tasks: ECS Exec only"
  exec_policy_arn           = var.exec_policy_arn
  enable_execute_command    = var.enable_execute_command
  cpu                       = var.cpu
  memory                    = var.memory
  cpu_architecture          = var.cpu_architecture
  cluster_arn               = var.cluster_arn
  desired_count             = var.desired_count
  capacity_provider         = var.capacity_provider
  private_subnet_ids        = var.private_subnet_ids
  security_group_id         = var.security_group_id
  log_retention_days        = var.log_retention_days
  tags                      = var.tags

  port_mappings = [
    { name = "proxy", port = var.proxy_port },
    { name = "admin", port = var.admin_port },
    { name = "status", port = var.status_port },
  ]

  health_check = {
    command      = ["CMD", "kong", "health"]
    interval     = 15
    timeout      = 5
    retries      = 3
    start_period = 30
  }

  load_balancer = {
    target_group_arn = var.target_group_arn
    container_port   = var.proxy_port
  }

  # Long enough for kongsync to configure a new DB-less node (its drift interval) before the ALB's checks count.
  health_check_grace_period_seconds = var.health_check_grace_period_seconds

  service_discovery = {
    namespace_id = var.namespace_id
    name         = var.admin_discovery_name
    description  = "Kong's admin API nodes (port ${var.admin_port}); reachable from kongsync only"
    port         = var.admin_port
  }
}

# --- Postgres mode: `kong migrations bootstrap` as a one-off task (see the run_migrations_command output).

resource "aws_ecs_task_definition" "migrations" {
  count = var.database == null ? 0 : 1

  family                   = "${var.name}-migrations"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = module.service.execution_role_arn
  task_role_arn            = module.service.task_role_arn
  container_definitions    = jsonencode([local.migrations_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  tags = merge(var.tags, { Name = "${var.name}-migrations" })
}
