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

resource "aws_vpc_security_group_egress_rule" "alb_to_kong" {
  for_each = toset([tostring(var.kong_proxy_port), tostring(var.kong_status_port)])

  security_group_id            = aws_security_group.alb.id
  description                  = "To Kong's proxy and status ports"
  referenced_security_group_id = aws_security_group.kong.id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)

  tags = merge(var.tags, { Name = "${var.name}-alb-to-kong-${each.value}" })
}

resource "aws_vpc_security_group_egress_rule" "alb_to_kongsync" {
  for_each = toset([tostring(var.kongsync_http_port), tostring(var.kongsync_management_port)])

  security_group_id            = aws_security_group.alb.id
  description                  = "To kongsync's webhook and health ports"
  referenced_security_group_id = aws_security_group.kongsync.id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)

  tags = merge(var.tags, { Name = "${var.name}-alb-to-kongsync-${each.value}" })
}

# --- Kong

resource "aws_vpc_security_group_ingress_rule" "kong_proxy_from_alb" {
  for_each = toset([tostring(var.kong_proxy_port), tostring(var.kong_status_port)])

  security_group_id            = aws_security_group.kong.id
  description                  = "Proxy and status (health check) from the ALB"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)

  tags = merge(var.tags, { Name = "${var.name}-kong-from-alb-${each.value}" })
}

resource "aws_vpc_security_group_ingress_rule" "kong_admin_from_kongsync" {
  security_group_id            = aws_security_group.kong.id
  description                  = "Admin API from kongsync's tasks, and from nothing else"
  referenced_security_group_id = aws_security_group.kongsync.id
  ip_protocol                  = "tcp"
  from_port                    = var.kong_admin_port
  to_port                      = var.kong_admin_port

  tags = merge(var.tags, { Name = "${var.name}-kong-admin-from-kongsync" })
}

# Kong reaches upstreams anywhere (Cloud Map services, public APIs) and pulls its image through the NAT gateway.
resource "aws_vpc_security_group_egress_rule" "kong_all" {
  security_group_id = aws_security_group.kong.id
  description       = "Upstreams, DNS, image pulls"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"

  tags = merge(var.tags, { Name = "${var.name}-kong-egress" })
}

# --- kongsync

resource "aws_vpc_security_group_ingress_rule" "kongsync_from_alb" {
  for_each = toset([tostring(var.kongsync_http_port), tostring(var.kongsync_management_port)])

  security_group_id            = aws_security_group.kongsync.id
  description                  = "Webhooks and health checks from the ALB"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)

  tags = merge(var.tags, { Name = "${var.name}-kongsync-from-alb-${each.value}" })
}

# kongsync clones from the git host, calls SSM and Cloud Map, and reaches Kong's admin API.
resource "aws_vpc_security_group_egress_rule" "kongsync_all" {
  security_group_id = aws_security_group.kongsync.id
  description       = "Git host, AWS APIs, Kong's admin API"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"

  tags = merge(var.tags, { Name = "${var.name}-kongsync-egress" })
}

# --- nyan

resource "aws_vpc_security_group_ingress_rule" "nyan_from_kong" {
  security_group_id            = aws_security_group.nyan.id
  description                  = "HTTP from Kong"
  referenced_security_group_id = aws_security_group.kong.id
  ip_protocol                  = "tcp"
  from_port                    = var.nyan_port
  to_port                      = var.nyan_port

  tags = merge(var.tags, { Name = "${var.name}-nyan-from-kong" })
}

resource "aws_vpc_security_group_egress_rule" "nyan_all" {
  security_group_id = aws_security_group.nyan.id
  description       = "Image pulls"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"

  tags = merge(var.tags, { Name = "${var.name}-nyan-egress" })
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

# --- bastion

resource "aws_vpc_security_group_egress_rule" "bastion_all" {
  count = var.create_bastion_group ? 1 : 0

  security_group_id = aws_security_group.bastion[0].id
  description       = "SSM endpoints, package mirrors, the database"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"

  tags = merge(var.tags, { Name = "${var.name}-bastion-egress" })
}
