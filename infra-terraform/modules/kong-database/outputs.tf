output "host" {
  description = "Host name of the database."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the database."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "Name of Kong's database."
  value       = aws_db_instance.this.db_name
}

output "username" {
  description = "User Kong connects as."
  value       = aws_db_instance.this.username
}

output "password_secret_arn" {
  description = "ARN of the Secrets Manager secret (JSON with username and password) that RDS manages."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}
