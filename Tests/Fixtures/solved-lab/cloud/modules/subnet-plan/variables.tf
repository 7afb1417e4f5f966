variable "vpc_cidr" {
  description = "IPv4 range of the VPC, e.g. 10.0.0.0/16."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && !can(regex(":", var.vpc_cidr))
    error_message = "The vpc_cidr value must be an IPv4 CIDR block such as 10.0.0.0/16."
  }
}

variable "az_count" {
  description = "Number of availability zones: one public and one private subnet in each."
  type        = number

  validation {
    condition     = var.az_count >= 1 && var.az_count <= 6 && floor(var.az_count) == var.az_count
    error_message = "The az_count value must be a whole number from 1 to 6."
  }
}

variable "newbits" {
  description = "Bits added to the VPC prefix for each subnet: a /16 with 4 gives /20 subnets."
  type        = number
  default     = 4

  validation {
    condition     = var.newbits >= 1 && var.newbits <= 8
    error_message = "The newbits value must be between 1 and 8."
  }
}
