//! The control plane's PKI, generated in-process with rcgen: a CA, the apiserver's serving
//! certificate (loopback and in-cluster names), an ECDSA service-account signing key, an
//! admin client certificate, and the static token file for the `admin` and `limited` users.

use anyhow::{Context, Result};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use std::path::Path;

/// The token of the `admin` user (group `system:masters`).
pub const ADMIN_TOKEN: &str = "admin-token";
/// The token of the `limited` user (no bindings but `view` in namespace `team-a`).
pub const LIMITED_TOKEN: &str = "limited-token";

/// PEM material the kubeconfig embeds.
#[derive(Debug, Clone)]
pub struct Pki {
    /// The cluster CA certificate.
    pub ca_pem: String,
    /// The admin client certificate (CN=cert-admin, O=system:masters).
    pub client_cert_pem: String,
    /// Its key.
    pub client_key_pem: String,
}

fn dn(cn: &str, org: Option<&str>) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    d.push(DnType::CommonName, cn);
    if let Some(o) = org {
        d.push(DnType::OrganizationName, o);
    }
    d
}

/// Writes `ca.crt`, `apiserver.{crt,key}`, `sa.{key,pub}` and `tokens.csv` into `dir`.
pub fn generate(dir: &Path) -> Result<Pki> {
    std::fs::create_dir_all(dir)?;
    let write = |name: &str, data: &str| {
        std::fs::write(dir.join(name), data).with_context(|| format!("write {name}"))
    };

    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.distinguished_name = dn("sre-toolkit-test-ca", None);
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca, ca_key);
    write("ca.crt", &ca_cert.pem())?;

    let server_key = KeyPair::generate()?;
    let mut server = CertificateParams::new(vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "10.96.0.1".to_string(),
        "kubernetes".to_string(),
        "kubernetes.default".to_string(),
        "kubernetes.default.svc".to_string(),
        "kubernetes.default.svc.cluster.local".to_string(),
    ])?;
    server.distinguished_name = dn("kube-apiserver", None);
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_cert = server.signed_by(&server_key, &issuer)?;
    write("apiserver.crt", &server_cert.pem())?;
    write("apiserver.key", &server_key.serialize_pem())?;

    let client_key = KeyPair::generate()?;
    let mut client = CertificateParams::new(Vec::<String>::new())?;
    client.distinguished_name = dn("cert-admin", Some("system:masters"));
    client.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client_cert = client.signed_by(&client_key, &issuer)?;

    let sa = KeyPair::generate()?;
    write("sa.key", &sa.serialize_pem())?;
    write("sa.pub", &sa.public_key_pem())?;

    write(
        "tokens.csv",
        &format!(
            "{ADMIN_TOKEN},admin,uid-admin,\"system:masters\"\n{LIMITED_TOKEN},limited,uid-limited,\"testers\"\n"
        ),
    )?;
    Ok(Pki {
        ca_pem: ca_cert.pem(),
        client_cert_pem: client_cert.pem(),
        client_key_pem: client_key.serialize_pem(),
    })
}
