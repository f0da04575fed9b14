import Foundation

/// Key files (`SOTAY_TOKEN_KEY_FILE`, org's `SOTAY_ORG_DATA_KEY_FILE`) should be
/// readable by the service's user alone. A looser mode is warned about, not refused:
/// container secrets are commonly mounted 0444 or 0644 inside a container only the
/// service runs in, and refusing them would stop a deployment that is safe.
public enum KeyFilePermissions {
    /// The warning to log when group or others may read or write `path`, naming the
    /// variable and the mode; nil when the mode is tight or the file cannot be read
    /// (reading it reports that).
    public static func warning(path: String, variable: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue,
              mode & 0o077 != 0 else { return nil }
        return "\(variable): \(path) is open to other users (mode \(String(mode & 0o777, radix: 8))): "
            + "whoever reads it can forge tokens or unseal data; chmod 600 it"
    }
}
