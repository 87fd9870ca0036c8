output "kms_key_arn" {
  description = "ARN of the KMS key."
  value       = aws_kms_key.this.arn
}

output "kms_key_alias" {
  description = "Alias of the KMS key, for `aws ssm put-parameter --key-id`."
  value       = aws_kms_alias.this.name
}

output "parameter_arns" {
  description = "ARNs of the parameters, by name."
  value       = { for name, parameter in aws_ssm_parameter.this : name => parameter.arn }
}

output "parameter_names" {
  description = "Names of the parameters whose values operators set."
  value       = sort(keys(aws_ssm_parameter.this))
}
