# Broken on purpose (Rule.OPEN_ADMIN_OR_DATABASE_PORT): five rules open Kong's admin API (8001, 8444) or Postgres
# to the internet (or may: a CIDR from a variable on every port). The last three rules are fine.
variable "vpc_id" {
  type        = string
  description = "VPC of the security groups."
}

variable "client_cidrs" {
  type        = list(string)
  description = "Who may call in."
  default     = ["0.0.0.0/0"]
}

resource "aws_security_group" "kong" {
  name   = "kong"
  vpc_id = var.vpc_id

  ingress {
    description = "Kong admin API from anywhere"
    from_port   = 8001
    to_port     = 8001
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = { Name = "kong" }
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_anywhere" {
  security_group_id = aws_security_group.kong.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432

  tags = { Name = "postgres" }
}

resource "aws_security_group_rule" "kong_range_ipv6" {
  type              = "ingress"
  security_group_id = aws_security_group.kong.id
  ipv6_cidr_blocks  = ["::/0"]
  protocol          = "tcp"
  from_port         = 8000
  to_port           = 8500
}

resource "aws_security_group_rule" "kong_admin_https" {
  type              = "ingress"
  security_group_id = aws_security_group.kong.id
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/0"]
  protocol          = "6"
  from_port         = 8444
  to_port           = 8444
}

resource "aws_vpc_security_group_ingress_rule" "everything_from_clients" {
  for_each = toset(var.client_cidrs)

  security_group_id = aws_security_group.kong.id
  cidr_ipv4         = each.value
  ip_protocol       = "-1"

  tags = { Name = "everything" }
}

resource "aws_vpc_security_group_ingress_rule" "https_from_clients" {
  for_each = toset(var.client_cidrs)

  security_group_id = aws_security_group.kong.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443

  tags = { Name = "https" }
}

resource "aws_vpc_security_group_ingress_rule" "admin_from_kongsync" {
  security_group_id            = aws_security_group.kong.id
  referenced_security_group_id = aws_security_group.kong.id
  ip_protocol                  = "tcp"
  from_port                    = 8001
  to_port                      = 8001

  tags = { Name = "admin" }
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_vpc" {
  security_group_id = aws_security_group.kong.id
  cidr_ipv4         = "10.20.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432

  tags = { Name = "postgres-vpc" }
}
