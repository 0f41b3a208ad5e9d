//! `hashiya serve` as an editor uses it: save, see the page reload; break a file, see the
//! error and the last good page; and nothing outside the site is ever served.

mod notes;

use crate::common::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(20);

/// A running `hashiya serve`, killed when dropped.
struct Server {
    child: Child,
    address: String,
    lines: Arc<Mutex<Vec<String>>>,
    site: Site,
}

impl Server {
    fn start(site: Site) -> Server {
        Server::start_with(site, &[])
    }

    fn start_with(site: Site, env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hashiya"))
            .envs(env.iter().copied())
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    if let Ok(mut lines) = lines.lock() {
                        lines.push(line.unwrap_or_default());
                    }
                }
            });
        }
        let mut server = Server {
            child,
            address: String::new(),
            lines,
            site,
        };
        let line = server.wait_for_line(|l| l.starts_with("serving "));
        let url = line.split(" at http://").nth(1).unwrap();
        server.address = url.split('/').next().unwrap().to_string();
        // The server listens before its first build is done; the tests start from a site
        // built (or failed) once, so that a save they make is a change to that site.
        server.wait_for_line(|l| l.starts_with("built ") || l.starts_with("build failed"));
        server
    }

    fn wait_for_line(&self, matches: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(line) = self.lines.lock().unwrap().iter().find(|l| matches(l)) {
                return line.clone();
            }
            assert!(
                Instant::now() < deadline,
                "no such line; output so far: {:?}",
                self.lines.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// A raw HTTP/1.1 GET, the path sent exactly as given.
    fn get(&self, path: &str) -> (u16, String, String) {
        self.get_as(&self.address, path)
    }

    /// A raw HTTP/1.1 GET naming `host` in its `Host` header.
    fn get_as(&self, host: &str, path: &str) -> (u16, String, String) {
        let (status, head, body) = self.request(host, path, "");
        (status, head, String::from_utf8_lossy(&body).into_owned())
    }

    /// A raw HTTP/1.1 GET with `headers` (each ending in CRLF) added: the status, the head in
    /// lower case and the body's bytes.
    fn request(&self, host: &str, path: &str, headers: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(response.len());
        let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
        let body = response.get(split + 4..).unwrap_or_default().to_vec();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head, body)
    }

    /// Subscribes to the reload channel.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET /__hashiya/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut reader = BufReader::new(stream);
        // Skip the response head.
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        let mut events = Events {
            reader,
            version: String::new(),
        };
        let (name, version) = events.next();
        assert_eq!(name, "version", "the channel opens with the site's version");
        events.version = version;
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    reader: BufReader<TcpStream>,
    /// The version of the site served when the channel connected.
    version: String,
}

impl Events {
    /// The next event that is not a keep-alive: its name and data.
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), Vec::new());
        loop {
            let mut line = String::new();
            self.reader
                .read_line(&mut line)
                .expect("an event before the timeout");
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(rest) = line.strip_prefix("event: ") {
                name = rest.to_string();
            } else if let Some(rest) = line.strip_prefix("data:") {
                data.push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
            } else if line.is_empty() && !name.is_empty() {
                return (name, data.join("\n"));
            }
        }
    }
}

/// The version a page was served with, from its reload script.
fn served_version(body: &str) -> String {
    let at = body.find("e.data!==\"").expect("the reload script") + "e.data!==\"".len();
    body[at..].split('"').next().unwrap().to_string()
}

#[test]
fn serve_warns_at_base_url_while_it_is_an_example_address() {
    let site = Site::copy_of("basic");
    site.write(
        "site.yaml",
        "title: موقع\nbase_url: https://www.example.com/news/\n",
    );
    let server = Server::start(site);
    server.wait_for_line(|l| {
        l.starts_with(
            "site.yaml:2:11: warning[example-base-url]: `base_url` is still an example address",
        )
    });
}

#[test]
fn a_save_before_the_page_connects_still_reloads_it() {
    let server = Server::start(Site::copy_of("basic"));
    let (_, _, body) = server.get("/articles/older/");
    let served = served_version(&body);
    assert_eq!(server.events().version, served, "nothing changed yet");
    // Saved after the page loaded, rebuilt before its script connected.
    server.site.save(
        "content/articles/older.md",
        "---\ntitle: حفظ مبكر\ndate: 2019-01-10\n---\nنص.\n",
    );
    server.wait_for_line(|l| l.starts_with("rebuilt"));
    assert_ne!(
        server.events().version,
        served,
        "the page's script compares versions and reloads"
    );
}

#[test]
fn saving_a_file_reloads_the_page_with_the_change() {
    let server = Server::start(Site::copy_of("basic"));
    let (status, head, body) = server.get("/articles/older/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8")
            && head.contains("cache-control: no-store"),
        "{head}"
    );
    assert!(
        body.contains("/__hashiya/events"),
        "the preview injects its reload script"
    );
    let mut events = server.events();
    server.site.save(
        "content/articles/older.md",
        "---\ntitle: عنوان جديد تماما\ndate: 2019-01-10\n---\nنص جديد.\n",
    );
    assert_eq!(events.next().0, "reload");
    let (_, _, body) = server.get("/articles/older/");
    assert!(body.contains("عنوان جديد تماما"));
    assert!(
        server.get("/").2.contains("عنوان جديد تماما"),
        "listings follow"
    );
    server.wait_for_line(|l| {
        l.starts_with("rebuilt (content changed): ") && l.ends_with("(content/articles/older.md)")
    });
}

#[test]
fn a_broken_file_shows_the_error_over_the_last_good_page_until_fixed() {
    let server = Server::start(Site::copy_of("basic"));
    let mut events = server.events();
    server.site.save(
        "content/articles/older.md",
        "---\ntitle: خلفية\ndate: 2019-01-10\ntags: [روسيا\n---\nنص.\n",
    );
    let (name, data) = events.next();
    assert_eq!(name, "error");
    assert!(
        data.contains("content/articles/older.md:4:7: error[yaml-syntax]:"),
        "{data}"
    );
    let (status, _, body) = server.get("/articles/older/");
    assert_eq!(status, 200);
    assert!(
        body.contains("خلفية عن العلاقات"),
        "the last good page is served"
    );
    assert!(
        body.contains("<div id=\"hashiya-error\"")
            && body.contains("content/articles/older.md:4:7"),
        "with the overlay"
    );

    server.site.save(
        "content/articles/older.md",
        "---\ntitle: خلفية مصححة\ndate: 2019-01-10\n---\nنص.\n",
    );
    assert_eq!(events.next().0, "reload");
    let (_, _, body) = server.get("/articles/older/");
    assert!(
        body.contains("خلفية مصححة") && !body.contains("<div id=\"hashiya-error\""),
        "{body}\n{:?}",
        server.lines.lock().unwrap()
    );
}

#[test]
fn a_save_nested_100_000_deep_is_an_error_not_a_frozen_preview() {
    let server = Server::start(Site::copy_of("basic"));
    let mut events = server.events();
    let n = 100_000;
    let save = |text: String| server.site.save("content/articles/older.md", &text);
    save(format!(
        "---\ntitle: t\ndate: 2019-01-10\n---\n{}x{}\n",
        "<div>".repeat(n),
        "</div>".repeat(n)
    ));
    let (name, data) = events.next();
    assert_eq!(name, "error");
    assert!(
        data.contains("content/articles/older.md:5:2561: error[too-deep]: raw HTML is nested more than 512 elements deep"),
        "{data}"
    );
    save(format!(
        "---\ntitle: {}{}\ndate: 2019-01-10\n---\nنص.\n",
        "[".repeat(n),
        "]".repeat(n)
    ));
    let (name, data) = events.next();
    assert_eq!(name, "error");
    assert!(
        data.contains(
            "content/articles/older.md:2:71: error[too-deep]: the YAML is nested more than 64 levels deep"
        ),
        "{data}"
    );
    assert_eq!(
        server.get("/articles/older/").0,
        200,
        "the last good page is still served"
    );
}

#[test]
fn a_site_broken_from_the_start_says_so_in_arabic_until_fixed() {
    let site = Site::copy_of("basic");
    let older = std::fs::read_to_string(site.root().join("content/articles/older.md")).unwrap();
    site.write(
        "content/articles/older.md",
        "---\ntitle: خلفية\ndate: 2019-01-10\ntags: [روسيا\n---\nنص.\n",
    );
    let server = Server::start(site);
    server.wait_for_line(|l| l.starts_with("build failed"));
    let lines = server.lines.lock().unwrap().join("\n");
    assert!(
        lines.contains("build failed: the site will be served once the error is fixed")
            && !lines.contains("last good site"),
        "{lines}"
    );
    for path in ["/", "/articles/older/", "/no/such/page/"] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 503, "{path}");
        assert!(
            body.contains("<html lang=\"ar\" dir=\"rtl\">") && body.contains("تعذّر بناء الموقع"),
            "{path}: {body}"
        );
        assert!(
            body.contains("content/articles/older.md:4:7") && body.contains("new EventSource"),
            "{path}: the error, and the script that reloads once it is fixed"
        );
        // No page was ever built: nothing speaks of a last good version.
        assert!(
            body.contains("فشل بناء الموقع؛ أصلح الخطأ واحفظ الملف.")
                && !body.contains("آخر نسخة سليمة"),
            "{path}: {body}"
        );
    }
    let mut events = server.events();
    server.site.save("content/articles/older.md", &older);
    assert_eq!(events.next().0, "reload");
    let (status, _, body) = server.get("/articles/older/");
    assert_eq!(status, 200);
    assert!(!body.contains("<div id=\"hashiya-error\""), "{body}");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = Site::copy_of("basic");
    site.write("secret.txt", "secret");
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("static-link")).unwrap();
    site.write("static/ok.txt", "ok");
    std::os::unix::fs::symlink(
        site.root().join("secret.txt"),
        site.root().join("static/out.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("static/passwd")).unwrap();
    let server = Server::start(site);
    assert_eq!(server.get("/ok.txt").0, 200);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/articles/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/site.yaml",
        "/content/glossary.yaml",
        "/out.txt",
        "/passwd",
        "/static-link",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{path}"
        );
        assert!(
            body.contains("الصفحة غير موجودة"),
            "{path}: the site's own 404 page"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_static_directory_linked_out_of_the_site_is_not_served() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "the password").unwrap();
    let site = Site::copy_of("basic");
    std::os::unix::fs::symlink(outside.path(), site.root().join("static")).unwrap();
    let server = Server::start(site);
    let (status, _, body) = server.get("/secret.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("the password"));
}

#[test]
fn an_editor_save_or_a_burst_of_saves_ends_with_the_last_save_served() {
    // How many rebuilds a burst makes depends on the machine's scheduling; the unit tests of
    // src/serve/watch.rs check that what queues up becomes one batch. Here: every save is seen,
    // and the last one wins.
    let server = Server::start(Site::copy_of("basic"));
    // Written to a temporary file, then renamed over the article, as many editors do.
    server.site.save(
        "content/articles/older.md",
        "---\ntitle: حفظ بالإبدال\ndate: 2019-01-10\n---\nنص.\n",
    );
    server.wait_for_line(|l| l.starts_with("rebuilt"));
    let shows = |text: &str| {
        let deadline = Instant::now() + PATIENCE;
        while !server.get("/articles/older/").2.contains(text) {
            assert!(Instant::now() < deadline, "the page never showed {text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    shows("حفظ بالإبدال");

    for n in 0..5 {
        server.site.save(
            "content/articles/older.md",
            &format!("---\ntitle: دفعة {n}\ndate: 2019-01-10\n---\nنص.\n"),
        );
    }
    shows("دفعة 4");
    let lines = server.lines.lock().unwrap().join("\n");
    assert!(!lines.contains("failed"), "{lines}");
    assert!(
        !lines.contains(".older.md.tmp"),
        "the editor's temporary file is not a change of the site: {lines}"
    );
}

#[test]
fn a_save_paused_between_its_write_and_its_rename_is_seen_whole() {
    // What `Site::save` does, with the pause a busy machine may put in it: longer than the
    // watcher's quiet window, in which a truncating write would have shown an empty file.
    let server = Server::start(Site::copy_of("basic"));
    let mut events = server.events();
    let root = server.site.root();
    let temporary = root.join("content/articles/.older.md.tmp");
    std::fs::write(
        &temporary,
        "---\ntitle: حفظ متمهل\ndate: 2019-01-10\n---\nنص.\n",
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    std::fs::rename(&temporary, root.join("content/articles/older.md")).unwrap();
    assert_eq!(events.next().0, "reload");
    assert!(server.get("/articles/older/").2.contains("حفظ متمهل"));
    let lines = server.lines.lock().unwrap().join("\n");
    assert!(
        !lines.contains("failed") && !lines.contains(".older.md.tmp"),
        "{lines}"
    );
}

#[test]
fn a_deleted_and_recreated_file_and_a_renamed_directory() {
    let server = Server::start(Site::copy_of("basic"));
    let root = server.site.root().to_path_buf();
    let mut events = server.events();
    std::fs::remove_file(root.join("content/articles/older.md")).unwrap();
    assert_eq!(events.next().0, "reload");
    assert_eq!(server.get("/articles/older/").0, 404);
    server.site.save(
        "content/articles/older.md",
        "---\ntitle: عاد من جديد\ndate: 2019-01-10\n---\nنص.\n",
    );
    assert_eq!(events.next().0, "reload");
    assert!(server.get("/articles/older/").2.contains("عاد من جديد"));

    std::fs::rename(root.join("content/articles"), root.join("content/news")).unwrap();
    assert_eq!(events.next().0, "reload");
    assert_eq!(server.get("/articles/older/").0, 404);
    assert_eq!(server.get("/news/older/").0, 200);
}

#[test]
fn the_build_output_has_no_reload_script() {
    let site = Site::copy_of("basic");
    hashiya::build(&hashiya::BuildOptions::new(site.root())).unwrap();
    for page in ["index.html", "articles/summit/index.html", "404.html"] {
        assert!(!site.read_output(page).contains("__hashiya"), "{page}");
    }
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start(Site::copy_of("basic"));
    // An open page: its reload channel stays open until the server closes it.
    let mut events = server.events();
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + PATIENCE;
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");
    server.wait_for_line(|l| l == "stopped");
    // The channel ends: the connection is closed, no read waits for the timeout.
    let mut rest = String::new();
    let closed = events.reader.read_to_string(&mut rest);
    assert!(
        closed.is_ok(),
        "the reload channel was not closed: {closed:?}"
    );
}

#[test]
fn binds_loopback_unless_told_otherwise() {
    let server = Server::start(Site::copy_of("basic"));
    assert!(
        server.address.starts_with("127.0.0.1:"),
        "{}",
        server.address
    );
}

#[test]
fn bind_takes_localhost_for_the_loopback_address() {
    let site = Site::copy_of("basic");
    let out = Command::new(env!("CARGO_BIN_EXE_hashiya"))
        .args(["serve", "--bind", "nowhere.invalid", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("or `localhost`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_hashiya"))
        .args(["serve", "--bind", "localhost", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let serving = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
        .find(|line| line.starts_with("serving "));
    let _ = child.kill();
    let _ = child.wait();
    let serving = serving.unwrap_or_default();
    assert!(serving.contains(" at http://127.0.0.1:"), "{serving}");
}

#[test]
fn only_its_own_host_names_are_answered() {
    let server = Server::start(Site::copy_of("basic"));
    let port = server.address.rsplit(':').next().unwrap().to_string();
    for host in [
        server.address.clone(),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
    ] {
        let (status, _, body) = server.get_as(&host, "/");
        assert_eq!(status, 200, "Host: {host}");
        assert!(body.contains("<!DOCTYPE html>"), "Host: {host}");
    }
    // A page of another site, its name pointed at 127.0.0.1 (DNS rebinding), reads nothing.
    for host in [
        format!("attacker.example:{port}"),
        "localhost.attacker.example".to_string(),
        format!("127.0.0.1.nip.io:{port}"),
    ] {
        for path in [
            "/",
            "/articles/summit/",
            "/__hashiya/events",
            "/search/index.json",
        ] {
            let (status, _, body) = server.get_as(&host, path);
            assert_eq!(status, 403, "Host: {host} {path}");
            assert!(!body.contains("<html"), "Host: {host} {path}: {body}");
        }
    }
}

#[test]
fn a_busy_port_is_named_with_a_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::copy_of("basic");
    let output = Command::new(env!("CARGO_BIN_EXE_hashiya"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("port {port} is already in use")) && stderr.contains("--port 0"),
        "{stderr}"
    );
}

#[test]
fn build_watch_rewrites_the_output_on_every_save() {
    let site = Site::copy_of("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hashiya"))
        .args(["build", "--watch", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next_line = || lines.next().unwrap().unwrap();
    assert!(next_line().starts_with("built "));
    assert!(next_line().starts_with("watching "));
    site.save(
        "content/articles/older.md",
        "---\ntitle: مراقبة\ndate: 2019-01-10\n---\nنص.\n",
    );
    assert!(next_line().starts_with("rebuilt (content changed)"));
    assert!(site
        .read_output("articles/older/index.html")
        .contains("مراقبة"));
    assert!(!site
        .read_output("articles/older/index.html")
        .contains("__hashiya"));
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn responses_forbid_sniffing_and_framing_by_other_sites_and_restrict_nothing_the_site_does() {
    let server = Server::start(Site::copy_of("basic"));
    for path in ["/articles/older/", "/no/such/page/", "/theme/style.css"] {
        let (_, head, _) = server.get(path);
        assert!(
            head.contains("\r\nx-content-type-options: nosniff"),
            "{path}: {head}"
        );
        let policy = head
            .lines()
            .find_map(|l| l.strip_prefix("content-security-policy: "))
            .unwrap_or_else(|| panic!("{path}: no policy in {head}"));
        // The preview shows the site as `build` writes it: a policy that limited scripts, styles
        // or fonts would break templates that work on the web host.
        assert_eq!(policy, "frame-ancestors 'self'", "{path}");
    }
    let (_, _, page) = server.get("/articles/older/");
    assert!(
        page.contains("<script>(function(){\nvar source=new EventSource("),
        "the reload script is in the page: {page}"
    );
}

#[test]
fn static_files_are_served_in_byte_ranges_and_a_page_not_in_utf8_as_it_is() {
    let site = Site::copy_of("basic");
    let clip: Vec<u8> = (0..1000u32).map(|n| (n * 7 % 256) as u8).collect();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::fs::write(site.root().join("static/clip.mp4"), &clip).unwrap();
    let latin1 =
        b"<!DOCTYPE html><meta charset=\"iso-8859-1\"><body>caf\xe9 cr\xe8me</body>".to_vec();
    std::fs::write(site.root().join("static/old.html"), &latin1).unwrap();
    let server = Server::start(site);
    let host = server.address.clone();

    let (status, head, body) = server.request(&host, "/clip.mp4", "");
    assert_eq!((status, body.as_slice()), (200, clip.as_slice()));
    assert!(
        head.contains("\r\naccept-ranges: bytes") && head.contains("\r\ncontent-type: video/mp4"),
        "{head}"
    );

    let (status, head, body) = server.request(&host, "/clip.mp4", "Range: bytes=100-199\r\n");
    assert_eq!(status, 206, "{head}");
    assert!(
        head.contains("\r\ncontent-range: bytes 100-199/1000"),
        "{head}"
    );
    assert_eq!(body, &clip[100..200]);

    let (status, head, body) = server.request(&host, "/clip.mp4", "Range: bytes=-10\r\n");
    assert_eq!(status, 206, "{head}");
    assert_eq!(body, &clip[990..]);

    let (status, head, _) = server.request(&host, "/clip.mp4", "Range: bytes=5000-6000\r\n");
    assert_eq!(status, 416, "{head}");
    assert!(head.contains("\r\ncontent-range: bytes */1000"), "{head}");

    let (status, head, body) = server.request(&host, "/old.html", "");
    assert_eq!(status, 200);
    assert_eq!(body, latin1, "served byte for byte, no reload script added");
    let content_type = |head: &str| {
        let line = head.lines().find(|l| l.starts_with("content-type:"));
        line.map(|l| l["content-type:".len()..].trim().to_string())
    };
    assert_eq!(
        content_type(&head).as_deref(),
        Some("text/html"),
        "no charset to override the page's own: {head}"
    );
    // A page in UTF-8 says so.
    let (status, head, _) = server.request(&host, "/", "");
    assert_eq!(status, 200);
    assert_eq!(
        content_type(&head).as_deref(),
        Some("text/html; charset=utf-8"),
        "{head}"
    );
}

#[test]
fn a_client_that_never_finishes_its_request_headers_is_disconnected() {
    let server = Server::start(Site::copy_of("basic"));
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
        server.address
    )
    .unwrap();
    // The server gives up on the headers after 10 seconds; a minute is far beyond it.
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut answer = Vec::new();
    let closed = stream.read_to_end(&mut answer);
    assert!(
        closed.is_ok(),
        "the connection is still open after a minute: {closed:?}"
    );
    assert!(
        !String::from_utf8_lossy(&answer).contains(" 200 "),
        "no page is served for an unfinished request"
    );
}

#[test]
fn an_alias_is_served_and_follows_the_articles_aliases() {
    let server = Server::start(Site::copy_of("publisher"));
    let (status, _, body) = server.get("/ar/2023/old-slug/");
    assert_eq!(status, 200);
    assert!(body.contains("url=/ar/news/revised/"), "{body}");
    let path = "content/news/revised.md";
    let text = std::fs::read_to_string(server.site.root().join(path)).unwrap();
    let mut events = server.events();
    server
        .site
        .save(path, &text.replace("/2023/old-slug/", "/2022/older-slug/"));
    assert_eq!(events.next().0, "reload");
    assert_eq!(server.get("/ar/2022/older-slug/").0, 200);
    assert_eq!(server.get("/ar/2023/old-slug/").0, 404);
}
