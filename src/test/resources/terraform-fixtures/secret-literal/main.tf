# Broken on purpose (Rule.SECRET_LITERAL): a password argument, a token variable's default and an ECS environment
# entry carry literal secrets. The references to secrets (ARNs, uuid(), a managed password) are fine.
variable "api_token" {
  type        = string
  description = "kongsync's API token."
  default     = "kst_4f9a0c2e7b1d"
  sensitive   = true
}

variable "api_token_parameter" {
  type        = string
  description = "SSM parameter that holds the API token."
  default     = "/kongsync/dev/api-token"
}

resource "aws_db_instance" "kong" {
  identifier     = "kong"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  username       = "kong"
  password       = "correct-horse-battery-staple"

  tags = { Name = "kong" }
}

resource "aws_db_instance" "managed" {
  identifier                  = "managed"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  username                    = "kong"
  manage_master_user_password = true

  tags = { Name = "managed" }
}

resource "aws_ssm_parameter" "token" {
  name  = var.api_token_parameter
  type  = "SecureString"
  value = uuid()

  tags = { Name = "token" }

  lifecycle {
    ignore_changes = [value]
  }
}

locals {
  environment = [
    { name = "KONG_DATABASE", value = "postgres" },
    { name = "KONG_PG_PASSWORD", value = "hunter2" },
  ]
  secrets = [
    { name = "KONGSYNC_API_TOKEN", valueFrom = aws_ssm_parameter.token.arn },
  ]
}
