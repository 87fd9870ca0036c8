# kongsync's shared store on RDS PostgreSQL. With shared_instance (Kong runs on Postgres) kongsync gets a database and
# a user of its own on Kong's instance, made by a one-off ECS task (bootstrap); otherwise a small encrypted instance of
# its own. Either way the password is a random_password in an SSM SecureString parameter, and only kongsync's tasks
# reach the store's port.
data "aws_partition" "current" {}

locals {
  own_instance = var.shared_instance == null
  host         = local.own_instance ? aws_db_instance.this[0].address : var.shared_instance.host
  port         = local.own_instance ? aws_db_instance.this[0].port : var.shared_instance.port
  jdbc_url     = "jdbc:postgresql://${local.host}:${local.port}/${var.database_name}?sslmode=require"
}

resource "random_password" "this" {
  length  = 40
  special = false
}

resource "aws_ssm_parameter" "password" {
  name        = var.password_parameter_name
  description = "Password of kongsync's store user ${var.username}"
  type        = "SecureString"
  tier        = "Standard"
  key_id      = var.kms_key_arn
  value       = random_password.this.result

  tags = merge(var.tags, { Name = var.password_parameter_name })
}

# --- Its own instance (Kong is DB-less)

resource "aws_security_group" "this" {
  count = local.own_instance ? 1 : 0

  name        = var.name
  description = "kongsync's store: Postgres from kongsync's tasks only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_vpc_security_group_ingress_rule" "from_kongsync" {
  security_group_id            = local.own_instance ? aws_security_group.this[0].id : var.shared_instance.security_group_id
  description                  = "Postgres from kongsync's tasks, for its store"
  referenced_security_group_id = var.kongsync_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port

  tags = merge(var.tags, { Name = "${var.name}-from-kongsync" })
}

resource "aws_db_subnet_group" "this" {
  count = local.own_instance ? 1 : 0

  name        = var.name
  description = "Private subnets of ${var.name}"
  subnet_ids  = var.private_subnet_ids

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_db_instance" "this" {
  count = local.own_instance ? 1 : 0

  identifier     = var.name
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  # The master user is kongsync's user and owns the database: all the store needs (create its tables).
  db_name  = var.database_name
  username = var.username
  password = random_password.this.result

  db_subnet_group_name   = aws_db_subnet_group.this[0].name
  vpc_security_group_ids = [aws_security_group.this[0].id]
  publicly_accessible    = false
  multi_az               = var.multi_az

  backup_retention_period    = var.backup_retention_days
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = true
  deletion_protection        = var.deletion_protection
  skip_final_snapshot        = var.skip_final_snapshot
  final_snapshot_identifier  = var.skip_final_snapshot ? null : "${var.name}-final"

  tags = merge(var.tags, { Name = var.name })
}

# --- On Kong's instance: a one-off task makes the user and the database (idempotent: run it again to set the password
# after a new random_password). It runs psql from the postgres image as the instance's master user, whose password RDS
# keeps in Secrets Manager; Terraform itself never needs to reach the private instance.

locals {
  bootstrap_sql = <<-SQL
    SELECT format('CREATE ROLE %I LOGIN', :'store_user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'store_user') \gexec
    SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'store_user', :'store_password') \gexec
    SELECT format('GRANT %I TO %I', :'store_user', current_user) \gexec
    SELECT format('CREATE DATABASE %I OWNER %I', :'store_database', :'store_user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'store_database') \gexec
    SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'store_database') \gexec
  SQL

  bootstrap_container = {
    name       = "bootstrap"
    image      = var.bootstrap_image
    essential  = true
    entryPoint = ["sh", "-c"]
    command = [join(" ", [
      "printf '%s\\n' \"$BOOTSTRAP_SQL\" | psql -v ON_ERROR_STOP=1",
      "-v store_user=\"$STORE_USER\" -v store_database=\"$STORE_DATABASE\" -v store_password=\"$STORE_PASSWORD\"",
      "\"host=$PGHOST port=$PGPORT dbname=postgres user=$PGUSER sslmode=require\"",
    ])]
    environment = [
      { name = "PGHOST", value = local.host },
      { name = "PGPORT", value = tostring(local.port) },
      { name = "PGUSER", value = local.own_instance ? "" : var.shared_instance.master_username },
      { name = "STORE_USER", value = var.username },
      { name = "STORE_DATABASE", value = var.database_name },
      { name = "BOOTSTRAP_SQL", value = local.bootstrap_sql },
    ]
    secrets = [
      { name = "PGPASSWORD", valueFrom = local.own_instance ? "" : "${var.shared_instance.master_secret_arn}:password::" },
      { name = "STORE_PASSWORD", valueFrom = aws_ssm_parameter.password.arn },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = local.own_instance ? "" : aws_cloudwatch_log_group.bootstrap[0].name
        awslogs-region        = var.region
        awslogs-stream-prefix = "bootstrap"
      }
    }
  }
}

resource "aws_cloudwatch_log_group" "bootstrap" {
  count = local.own_instance ? 0 : 1

  name              = "/ecs/${var.name}-bootstrap"
  retention_in_days = var.log_retention_days

  tags = merge(var.tags, { Name = "${var.name}-bootstrap" })
}

data "aws_iam_policy_document" "assume_ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bootstrap" {
  count = local.own_instance ? 0 : 1

  name               = "${var.name}-bootstrap"
  description        = "ECS agent for ${var.name}'s bootstrap: image, logs, the master and store passwords"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs_tasks.json

  tags = merge(var.tags, { Name = "${var.name}-bootstrap" })
}

resource "aws_iam_role_policy_attachment" "bootstrap" {
  count = local.own_instance ? 0 : 1

  role       = aws_iam_role.bootstrap[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "bootstrap" {
  count = local.own_instance ? 0 : 1

  statement {
    sid       = "ReadTheTwoPasswords"
    actions   = ["secretsmanager:GetSecretValue", "ssm:GetParameters"]
    resources = [var.shared_instance.master_secret_arn, aws_ssm_parameter.password.arn]
  }

  statement {
    sid       = "DecryptThem"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "bootstrap" {
  count = local.own_instance ? 0 : 1

  name   = "read-passwords"
  role   = aws_iam_role.bootstrap[0].id
  policy = data.aws_iam_policy_document.bootstrap[0].json
}

resource "aws_ecs_task_definition" "bootstrap" {
  count = local.own_instance ? 0 : 1

  family                   = "${var.name}-bootstrap"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.bootstrap[0].arn
  container_definitions    = jsonencode([local.bootstrap_container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  tags = merge(var.tags, { Name = "${var.name}-bootstrap" })
}
