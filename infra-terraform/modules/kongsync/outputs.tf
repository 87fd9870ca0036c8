output "service_name" {
  description = "Name of kongsync's ECS service."
  value       = module.service.service_name
}

output "ecr_repository_url" {
  description = "URL of the ECR repository to push the kongsync image to, or null when image is given."
  value       = one(aws_ecr_repository.this[*].repository_url)
}

output "image" {
  description = "Image the task runs."
  value       = local.image
}

output "task_role_arn" {
  description = "ARN of kongsync's task role."
  value       = module.service.task_role_arn
}

output "log_group_name" {
  description = "CloudWatch log group of kongsync."
  value       = module.service.log_group_name
}

output "webhook_base_url" {
  description = "Base URL of the webhook endpoints; append github, gitlab or bitbucket."
  value       = "https://${var.webhook_host}/api/v1/webhooks/"
}
