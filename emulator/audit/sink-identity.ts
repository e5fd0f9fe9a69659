// The local sink's TLS identity: a throwaway self-signed certificate for loopback only, made for
// the audit (openssl, P-256, CN 'snapshot-restore audit sink'). The audited process trusts it
// (NODE_EXTRA_CA_CERTS) and accepts it for any name (redirect.ts), so TLS clients reach the
// protocol behind it. It protects nothing: nothing it carries leaves this machine.
export const SINK_CERT = `-----BEGIN CERTIFICATE-----
MIIBvzCCAWWgAwIBAgIUDxS6vcHUXfcCN25lvNTLQRX1+FYwCgYIKoZIzj0EAwIw
JjEkMCIGA1UEAwwbc25hcHNob3QtcmVzdG9yZSBhdWRpdCBzaW5rMCAXDTI2MTIw
NzE4MTkyOFoYDzIxMjYxMTEzMTgxOTI4WjAmMSQwIgYDVQQDDBtzbmFwc2hvdC1y
ZXN0b3JlIGF1ZGl0IHNpbmswWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ7b3wl
NtdN5/oeWUQgKCad/8wZMKC9fCrIphsBZfNX+3DJCE0bCGCPy9r8cxLZVh9eL3/9
FQV6KfLrL7Grz02Ko28wbTAdBgNVHQ4EFgQUo1J5OD1FGHfawqJbFSHm/TjKg1sw
HwYDVR0jBBgwFoAUo1J5OD1FGHfawqJbFSHm/TjKg1swDwYDVR0TAQH/BAUwAwEB
/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZIzj0EAwIDSAAwRQIg
G8wkKYorjGY+MZqCUlVQUgZiI4Shhvbs+jhECh/fCCoCIQCo7gtQ0REbIEYs6LbB
jYntodL/lzKxDf5ZxzASZ9yQvQ==
-----END CERTIFICATE-----
`;

export const SINK_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEXhL5mjhpFYcszUW
q5gmI3GjI2d1P/QZkIImHzm01D6hRANCAAQ7b3wlNtdN5/oeWUQgKCad/8wZMKC9
fCrIphsBZfNX+3DJCE0bCGCPy9r8cxLZVh9eL3/9FQV6KfLrL7Grz02K
-----END PRIVATE KEY-----
`;
