output "host" {
  description = "Host name of the store's instance."
  value       = local.host
}

output "port" {
  description = "Port of the store's instance."
  value       = local.port
}

output "endpoint" {
  description = "host:port of the store's instance."
  value       = "${local.host}:${local.port}"
}

output "database_name" {
  description = "Name of kongsync's database."
  value       = var.database_name
}

output "username" {
  description = "User kongsync connects as."
  value       = var.username
}

output "jdbc_url" {
  description = "kongsync.store.url (KONGSYNC_STORE_URL): the JDBC URL of the database, TLS required, no password."
  value       = local.jdbc_url
}

output "password_parameter_arn" {
  description = "ARN of the SSM SecureString parameter holding the password (KONGSYNC_STORE_PASSWORD through the task's secrets)."
  value       = aws_ssm_parameter.password.arn
}

output "security_group_id" {
  description = "ID of the security group guarding the store's port (the own instance's, or Kong's database's)."
  value       = aws_vpc_security_group_ingress_rule.from_kongsync.security_group_id
}

output "bootstrap_task_definition_arn" {
  description = "ARN of the one-off task that makes kongsync's user and database on Kong's instance, or null with an own instance."
  value       = one(aws_ecs_task_definition.bootstrap[*].arn)
}
