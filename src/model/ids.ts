/** Dense integer ids: index into the inventory's tables. Branded so a HostId is never passed as a ServerId. */
export type HostId = number & { readonly __brand: 'HostId' };
export type ServerId = number & { readonly __brand: 'ServerId' };
export type ProjectId = number & { readonly __brand: 'ProjectId' };
export type FlavorId = number & { readonly __brand: 'FlavorId' };
export type ImageId = number & { readonly __brand: 'ImageId' };
export type ServerGroupId = number & { readonly __brand: 'ServerGroupId' };
export type AggregateId = number & { readonly __brand: 'AggregateId' };
