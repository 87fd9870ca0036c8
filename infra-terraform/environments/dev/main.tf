locals {
  name = "${var.project}-${var.environment}"

  # Kong's and kongsync's ports, in one place: the security groups, the ALB and the task definitions use these.
  ports = {
    kong_proxy          = 8000
    kong_admin          = 8001
    kong_status         = 8100
    kongsync_http       = 8080
    kongsync_management = 8081
    nyan                = 80
    postgres            = 5432
  }

  postgres = var.kong_database_mode == "postgres"

  webhook_host = "${var.kongsync_hostname}.${var.domain_name}"

  # SSM paths: kongsync's own settings, and the route files' secrets (${{ ssm "/kong/dev/..." }}).
  kongsync_parameter_path = "/kongsync/${var.environment}"
  kongsync_store_password = "${local.kongsync_parameter_path}/store-password"
  route_parameter_path    = "/kong/${var.environment}"

  # kongsync's secret settings => the SSM parameter that holds each one.
  kongsync_secret_parameters = merge(
    {
      KONGSYNC_API_TOKEN                = "${local.kongsync_parameter_path}/api-token"
      KONGSYNC_WEBHOOK_GITHUB_SECRET    = "${local.kongsync_parameter_path}/webhook-github-secret"
      KONGSYNC_WEBHOOK_GITLAB_TOKEN     = "${local.kongsync_parameter_path}/webhook-gitlab-token"
      KONGSYNC_WEBHOOK_BITBUCKET_SECRET = "${local.kongsync_parameter_path}/webhook-bitbucket-secret"
    },
    var.git_username == null ? {} : { KONGSYNC_GIT_PASSWORD = "${local.kongsync_parameter_path}/git-password" },
  )

  # Kong's secret settings => their parameters, under the route path's settings/ folder.
  kong_secret_parameters = {
    for setting, parameter in var.kong_secret_settings : setting => "${local.route_parameter_path}/settings/${parameter}"
  }

  route_secret_parameters = {
    for parameter, description in var.route_secret_parameters : "${local.route_parameter_path}/${parameter}" => description
  }
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  region             = var.region
  cidr_block         = var.vpc_cidr
  az_count           = var.az_count
  single_nat_gateway = var.single_nat_gateway
  tags               = var.tags
}

module "ssm" {
  source = "../../modules/ssm"

  name = local.name
  parameters = merge(
    { for setting, parameter in local.kongsync_secret_parameters : parameter => "kongsync's ${setting}" },
    { for setting, parameter in local.kong_secret_parameters : parameter => "Kong's ${setting}" },
    local.route_secret_parameters,
  )
  tags = var.tags
}

module "ecs_cluster" {
  source = "../../modules/ecs-cluster"

  name               = local.name
  kms_key_arn        = module.ssm.kms_key_arn
  container_insights = var.container_insights
  log_retention_days = var.log_retention_days
  tags               = var.tags
}

module "service_discovery" {
  source = "../../modules/service-discovery"

  namespace_name = var.namespace_name
  vpc_id         = module.network.vpc_id
  tags           = var.tags
}

module "security_groups" {
  source = "../../modules/security-groups"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  alb_ingress_cidrs        = var.alb_ingress_cidrs
  kong_proxy_port          = local.ports.kong_proxy
  kong_status_port         = local.ports.kong_status
  kong_admin_port          = local.ports.kong_admin
  kongsync_http_port       = local.ports.kongsync_http
  kongsync_management_port = local.ports.kongsync_management
  nyan_port                = local.ports.nyan
  database_port            = local.ports.postgres
  create_database_group    = local.postgres
  create_bastion_group     = var.enable_bastion
  tags                     = var.tags
}

module "alb" {
  source = "../../modules/alb"

  name              = local.name
  vpc_id            = module.network.vpc_id
  public_subnet_ids = module.network.public_subnet_ids
  security_group_id = module.security_groups.alb_security_group_id
  certificate_arn   = var.certificate_arn
  kong_proxy_port   = local.ports.kong_proxy
  kong_status_port  = local.ports.kong_status
  tags              = var.tags
}

module "kong_database" {
  source = "../../modules/kong-database"
  count  = local.postgres ? 1 : 0

  name                = "${local.name}-kong"
  kms_key_arn         = module.ssm.kms_key_arn
  private_subnet_ids  = module.network.private_subnet_ids
  security_group_id   = module.security_groups.database_security_group_id
  deletion_protection = var.kong_database_deletion_protection
  skip_final_snapshot = !var.kong_database_deletion_protection
  tags                = var.tags
}

# kongsync's shared store: on Kong's instance in postgres mode (its own database and user, made by the bootstrap task),
# otherwise a small encrypted instance of its own.
module "kongsync_store" {
  source = "../../modules/kongsync-store"

  name                       = "${local.name}-kongsync-store"
  region                     = var.region
  password_parameter_name    = local.kongsync_store_password
  kms_key_arn                = module.ssm.kms_key_arn
  vpc_id                     = module.network.vpc_id
  private_subnet_ids         = module.network.private_subnet_ids
  kongsync_security_group_id = module.security_groups.kongsync_security_group_id
  deletion_protection        = var.kongsync_store_deletion_protection
  skip_final_snapshot        = !var.kongsync_store_deletion_protection
  log_retention_days         = var.log_retention_days
  tags                       = var.tags

  shared_instance = local.postgres ? {
    host              = module.kong_database[0].host
    port              = module.kong_database[0].port
    security_group_id = module.security_groups.database_security_group_id
    master_username   = module.kong_database[0].username
    master_secret_arn = module.kong_database[0].password_secret_arn
  } : null
}

module "kong" {
  source = "../../modules/kong"

  name               = "${local.name}-kong"
  region             = var.region
  image              = var.kong_image
  cpu                = var.kong_cpu
  memory             = var.kong_memory
  desired_count      = var.kong_desired_count
  capacity_provider  = var.capacity_provider
  proxy_port         = local.ports.kong_proxy
  admin_port         = local.ports.kong_admin
  status_port        = local.ports.kong_status
  trusted_cidr       = module.network.vpc_cidr_block
  secrets            = { for setting, parameter in local.kong_secret_parameters : setting => module.ssm.parameter_arns[parameter] }
  kms_key_arn        = module.ssm.kms_key_arn
  cluster_arn        = module.ecs_cluster.cluster_arn
  private_subnet_ids = module.network.private_subnet_ids
  security_group_id  = module.security_groups.kong_security_group_id
  target_group_arn   = module.alb.kong_target_group_arn
  namespace_id       = module.service_discovery.namespace_id
  exec_policy_arn    = module.ecs_cluster.exec_policy_arn
  log_retention_days = var.log_retention_days
  tags               = var.tags

  database = local.postgres ? {
    host                = module.kong_database[0].host
    port                = module.kong_database[0].port
    name                = module.kong_database[0].database_name
    username            = module.kong_database[0].username
    password_secret_arn = module.kong_database[0].password_secret_arn
  } : null
}

module "kongsync" {
  source = "../../modules/kongsync"

  name                     = "${local.name}-kongsync"
  region                   = var.region
  image                    = var.kongsync_image
  image_tag                = var.kongsync_image_tag
  ecr_force_delete         = true
  git_uri                  = var.git_uri
  git_branch               = var.git_branch
  git_path                 = var.git_path
  git_username             = var.git_username
  drift_interval           = var.drift_interval
  desired_count            = var.kongsync_desired_count
  namespace_name           = module.service_discovery.namespace_name
  kong_discovery_service   = module.kong.admin_discovery_name
  http_port                = local.ports.kongsync_http
  management_port          = local.ports.kongsync_management
  secrets                  = { for setting, parameter in local.kongsync_secret_parameters : setting => module.ssm.parameter_arns[parameter] }
  readable_parameter_paths = [local.kongsync_parameter_path, local.route_parameter_path]
  store = {
    url                    = module.kongsync_store.jdbc_url
    username               = module.kongsync_store.username
    password_parameter_arn = module.kongsync_store.password_parameter_arn
  }
  kms_key_arn        = module.ssm.kms_key_arn
  cluster_arn        = module.ecs_cluster.cluster_arn
  vpc_id             = module.network.vpc_id
  private_subnet_ids = module.network.private_subnet_ids
  security_group_id  = module.security_groups.kongsync_security_group_id
  https_listener_arn = module.alb.https_listener_arn
  target_group_name  = "${local.name}-kongsync"
  webhook_host       = local.webhook_host
  exec_policy_arn    = module.ecs_cluster.exec_policy_arn
  log_retention_days = var.log_retention_days
  tags               = var.tags
}

module "nyan" {
  source = "../../modules/nyan"

  name               = "${local.name}-nyan"
  region             = var.region
  image              = var.nyan_image
  port               = local.ports.nyan
  capacity_provider  = var.capacity_provider
  namespace_id       = module.service_discovery.namespace_id
  cluster_arn        = module.ecs_cluster.cluster_arn
  private_subnet_ids = module.network.private_subnet_ids
  security_group_id  = module.security_groups.nyan_security_group_id
  exec_policy_arn    = module.ecs_cluster.exec_policy_arn
  log_retention_days = var.log_retention_days
  tags               = var.tags
}

module "bastion" {
  source = "../../modules/bastion"
  count  = var.enable_bastion ? 1 : 0

  name              = "${local.name}-bastion"
  subnet_id         = module.network.private_subnet_ids[0]
  security_group_id = module.security_groups.bastion_security_group_id
  tags              = var.tags
}

# Public names on the ALB, when the domain's hosted zone is in Route 53 (otherwise create them where your DNS is).
resource "aws_route53_record" "alb" {
  for_each = var.route53_zone_id == null ? toset([]) : toset(concat(var.proxy_hostnames, [var.kongsync_hostname]))

  zone_id = var.route53_zone_id
  name    = "${each.value}.${var.domain_name}"
  type    = "A"

  alias {
    name                   = module.alb.dns_name
    zone_id                = module.alb.zone_id
    evaluate_target_health = false
  }
}
