output "cluster_arn" {
  description = "ARN of the ECS cluster, once its capacity providers are attached (services name them)."
  value       = aws_ecs_cluster.this.arn

  depends_on = [aws_ecs_cluster_capacity_providers.this]
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "exec_policy_arn" {
  description = "ARN of the IAM policy a task role needs for ECS Exec."
  value       = aws_iam_policy.exec.arn
}

output "exec_log_group_name" {
  description = "CloudWatch log group that records ECS Exec sessions."
  value       = aws_cloudwatch_log_group.exec.name
}
