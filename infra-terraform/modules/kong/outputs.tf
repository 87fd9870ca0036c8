output "service_name" {
  description = "Name of Kong's ECS service."
  value       = module.service.service_name
}

output "admin_discovery_service_arn" {
  description = "ARN of the Cloud Map service of Kong's admin nodes."
  value       = module.service.discovery_service_arn
}

output "admin_discovery_name" {
  description = "Cloud Map service name of Kong's admin nodes."
  value       = module.service.discovery_service_name
}

output "log_group_name" {
  description = "CloudWatch log group of Kong's tasks."
  value       = module.service.log_group_name
}

output "migrations_task_definition_arn" {
  description = "ARN of the `kong migrations bootstrap` task definition, or null in DB-less mode."
  value       = one(aws_ecs_task_definition.migrations[*].arn)
}
