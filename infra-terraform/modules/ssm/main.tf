# The KMS key of the stack and the SSM SecureString parameters that hold its secrets. Terraform creates each
# parameter with a random initial value (uuid(), never a value written in code) and then ignores its value:
# operators set the real ones with `aws ssm put-parameter --overwrite`, and a later apply leaves them alone.
resource "aws_kms_key" "this" {
  description             = "${var.name}: SSM parameters, ECS Exec sessions, the database"
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = true

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_ssm_parameter" "this" {
  for_each = var.parameters

  name        = each.key
  description = each.value
  type        = "SecureString"
  tier        = "Standard"
  key_id      = aws_kms_key.this.arn
  value       = uuid()

  tags = merge(var.tags, { Name = each.key })

  lifecycle {
    ignore_changes = [value]
  }
}
