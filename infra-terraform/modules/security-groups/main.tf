# Every security group of the stack and every rule between them, in one place, so that a reviewer can see who
# reaches what. The only rules open to the internet are the ALB's 80 and 443. Kong's admin API admits kongsync's
# tasks and nothing else; the database admits Kong (and the bastion, when there is one).

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "ALB: HTTPS and HTTP (redirected) from the internet"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_security_group" "kong" {
  name        = "${var.name}-kong"
  description = "Kong tasks: proxy and status from the ALB, admin API from kongsync only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-kong" })
}

resource "aws_security_group" "kongsync" {
  name        = "${var.name}-kongsync"
  description = "kongsync task: webhooks and health checks from the ALB"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-kongsync" })
}

resource "aws_security_group" "nyan" {
  name        = "${var.name}-nyan"
  description = "Sample nyan service: HTTP from Kong only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-nyan" })
}

resource "aws_security_group" "database" {
  count = var.create_database_group ? 1 : 0

  name        = "${var.name}-database"
  description = "Kong's Postgres: from Kong (and the bastion) only; no egress"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_security_group" "bastion" {
  count = var.create_bastion_group ? 1 : 0

  name        = "${var.name}-bastion"
  description = "Bastion reached through SSM Session Manager: no ingress at all"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-bastion" })
}

# --- ALB

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each = toset(var.alb_ingress_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from ${each.value}"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443

  tags = merge(var.tags, { Name = "${var.name}-alb-https" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  for_each = toset(var.alb_ingress_cidrs)

  security_group_id = aws_security_group.alb.id
  description       = "HTTP from ${each.value}, redirected to HTTPS"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80

  tags = merge(var.tags, { Name = "${var.name}-alb-http" })
}

locals {
  # What the ALB forwards to and health-checks. Each port is an egress rule on the ALB and the matching ingress rule
  # on the target's group, so the two sides cannot disagree.
  alb_targets = {
    kong = {
      group_id            = aws_security_group.kong.id
      ports               = [var.kong_proxy_port, var.kong_status_port]
      egress_description  = "To Kong's proxy and status ports"
      ingress_description = "Proxy and status (health check) from the ALB"
    }
    kongsync = {
      group_id            = aws_security_group.kongsync.id
      ports               = [var.kongsync_http_port, var.kongsync_management_port]
      egress_description  = "To kongsync's webhook and health ports"
      ingress_description = "Webhooks and health checks from the ALB"
    }
  }

  # <target>-<port> => the target, one of its ports and the rules' descriptions.
  alb_target_ports = merge([
    for target, spec in local.alb_targets : {
      for port in spec.ports : "${target}-${port}" => merge(spec, { target = target, port = port })
    }
  ]...)
}

resource "aws_vpc_security_group_egress_rule" "alb_to_target" {
  for_each = local.alb_target_ports

  security_group_id            = aws_security_group.alb.id
  description                  = each.value.egress_description
  referenced_security_group_id = each.value.group_id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port

  tags = merge(var.tags, { Name = "${var.name}-alb-to-${each.key}" })
}

resource "aws_vpc_security_group_ingress_rule" "target_from_alb" {
  for_each = local.alb_target_ports

  security_group_id            = each.value.group_id
  description                  = each.value.ingress_description
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port

  tags = merge(var.tags, { Name = "${var.name}-${each.value.target}-from-alb-${each.value.port}" })
}

# --- Between the services

resource "aws_vpc_security_group_ingress_rule" "kong_admin_from_kongsync" {
  security_group_id            = aws_security_group.kong.id
  description                  = "Admin API from kongsync's tasks, and from nothing else"
  referenced_security_group_id = aws_security_group.kongsync.id
  ip_protocol                  = "tcp"
  from_port                    = var.kong_admin_port
  to_port                      = var.kong_admin_port

  tags = merge(var.tags, { Name = "${var.name}-kong-admin-from-kongsync" })
}

resource "aws_vpc_security_group_ingress_rule" "nyan_from_kong" {
  security_group_id            = aws_security_group.nyan.id
  description                  = "HTTP from Kong"
  referenced_security_group_id = aws_security_group.kong.id
  ip_protocol                  = "tcp"
  from_port                    = var.nyan_port
  to_port                      = var.nyan_port

  tags = merge(var.tags, { Name = "${var.name}-nyan-from-kong" })
}

# --- database

resource "aws_vpc_security_group_ingress_rule" "database_from_kong" {
  count = var.create_database_group ? 1 : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "Postgres from Kong (and its migrations task)"
  referenced_security_group_id = aws_security_group.kong.id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port

  tags = merge(var.tags, { Name = "${var.name}-database-from-kong" })
}

resource "aws_vpc_security_group_ingress_rule" "database_from_bastion" {
  count = var.create_database_group && var.create_bastion_group ? 1 : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "Postgres from the bastion (break-glass)"
  referenced_security_group_id = aws_security_group.bastion[0].id
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port

  tags = merge(var.tags, { Name = "${var.name}-database-from-bastion" })
}

# --- Out of the VPC

locals {
  # The groups whose tasks may reach anywhere, and why. The ALB reaches its targets only, the database nothing.
  egress_anywhere = merge(
    {
      # Upstreams anywhere (Cloud Map services, public APIs); the image through the NAT gateway.
      kong     = { group_id = aws_security_group.kong.id, description = "Upstreams, DNS, image pulls" }
      kongsync = { group_id = aws_security_group.kongsync.id, description = "Git host, AWS APIs, Kong's admin API" }
      nyan     = { group_id = aws_security_group.nyan.id, description = "Image pulls" }
    },
    var.create_bastion_group ? {
      bastion = { group_id = aws_security_group.bastion[0].id, description = "SSM endpoints, package mirrors, the database" }
    } : {},
  )
}

resource "aws_vpc_security_group_egress_rule" "anywhere" {
  for_each = local.egress_anywhere

  security_group_id = each.value.group_id
  description       = each.value.description
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"

  tags = merge(var.tags, { Name = "${var.name}-${each.key}-egress" })
}
