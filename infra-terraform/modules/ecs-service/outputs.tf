output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "task_definition_arn" {
  description = "ARN of the service's task definition."
  value       = aws_ecs_task_definition.this.arn
}

output "container_definition" {
  description = "The container definition the task runs, as an object (for a one-off task of the same container)."
  value       = local.container
}

output "log_group_name" {
  description = "CloudWatch log group of the service's tasks."
  value       = aws_cloudwatch_log_group.this.name
}

output "execution_role_arn" {
  description = "ARN of the execution role."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role."
  value       = aws_iam_role.task.arn
}

output "task_role_id" {
  description = "ID (the name) of the task role, to attach more policies to."
  value       = aws_iam_role.task.id
}

output "discovery_service_arn" {
  description = "ARN of the Cloud Map service, or null without one."
  value       = one(aws_service_discovery_service.this[*].arn)
}

output "discovery_service_name" {
  description = "Name of the Cloud Map service, or null without one."
  value       = one(aws_service_discovery_service.this[*].name)
}
