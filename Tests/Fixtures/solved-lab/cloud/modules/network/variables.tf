variable "name" {
  description = "Name prefix for the network's resources."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 range of the VPC."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones to place one public and one private subnet in."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) > 0
    error_message = "Give at least one availability zone."
  }
}

variable "subnet_newbits" {
  description = "Bits added to the VPC prefix for each subnet (/16 + 4 = /20)."
  type        = number
  default     = 4
}
