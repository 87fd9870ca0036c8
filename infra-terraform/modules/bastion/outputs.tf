output "instance_id" {
  description = "ID of the bastion, for `aws ssm start-session --target`."
  value       = aws_instance.this.id
}
