"""End-to-end test of the dashboard in headless Chromium (Selenium).

Starts `sphery-engine serve --demo` in a temporary folder (demo database and models made on
first start), then, as a person would: analyses a typed-in player, looks a player up by id,
opens the models page and a model's page (with its age curve and levels against age-graded
score), scores an uploaded CSV, opens the monitoring page,
opens the experiments page (empty, then after `simulate` has played six weeks of the demo's
experiment), and checks what each page shows. Saves a screenshot of every page (to
SCREENSHOTS, default docs/screenshots). Exits non-zero on the first failure, with the page's
text.

Usage: python3 Tests/BrowserTests/dashboard_test.py  (ENGINE: the sphery-engine binary)
"""
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

ENGINE = os.environ.get("ENGINE", ".build/debug/sphery-engine")
SHOTS = os.environ.get("SCREENSHOTS", "docs/screenshots")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder, port):
    log = open(os.path.join(folder, "server.log"), "w")
    server = subprocess.Popen(
        [ENGINE, "serve", "--demo", "--demo-dir", os.path.join(folder, "demo"), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"the server stopped: see {log.name}")
            time.sleep(0.5)
    server.kill()
    sys.exit("the server did not start within 5 minutes")


def a_player(folder):
    """A user with completed DualFlow / Expert / 10 min workouts in the demo database."""
    db = sqlite3.connect(os.path.join(folder, "demo", "players.sqlite"))
    return db.execute(
        """SELECT w."userId" FROM "Workouts" w JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
           WHERE w."completedWorkout" AND w.score > 0 AND rc."gameMode" = 'DualFlow'
             AND rc.difficulty = -1 AND rc.duration = 600
           GROUP BY w."userId" HAVING COUNT(*) >= 5 ORDER BY w."userId" LIMIT 1""").fetchone()[0]


def simulate(folder):
    """Six weeks of play in the demo's experiment, written to the demo database (as its page suggests)."""
    demo = os.path.join(folder, "demo")
    subprocess.run(
        [ENGINE, "simulate", "--db", os.path.join(demo, "players.sqlite"), "--models", os.path.join(demo, "models"),
         "--weeks", "6", "--reachable-effect", "0.06", "--too-hard-effect", "-0.04"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def browser():
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1700"]:
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    return webdriver.Chrome(options=options, service=service)


def follow(driver, element):
    """Clicks `element` and waits until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(page))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def check(condition, what, driver):
    if not condition:
        sys.exit(f"FAILED: {what}\n--- page ---\n{driver.find_element(By.TAG_NAME, 'body').text[:3000]}")
    print(f"ok: {what}")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server = start_server(folder, port)
        base = f"http://127.0.0.1:{port}"
        driver = browser()
        try:
            # A typed-in player.
            driver.get(base + "/")
            Select(driver.find_element(By.NAME, "segment")).select_by_value("DualFlow_-1_10")
            for name, value in [("score", "150000"), ("age", "25.5"), ("start_speed", "5")]:
                field = driver.find_element(By.NAME, name)
                field.clear()
                field.send_keys(value)
            follow(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            heading = driver.find_element(By.ID, "result-title").text
            check("DualFlow · Expert difficulty · 10 min" in heading, f"the analysis names the segment ({heading})", driver)
            check(driver.find_element(By.CLASS_NAME, "message").text.strip() != "", "a message is shown", driver)
            check(len(driver.find_elements(By.CSS_SELECTOR, "svg.chart circle.player")) == 1, "the ladder marks the player", driver)
            caption = driver.find_element(By.CSS_SELECTOR, "figure.chart-figure figcaption").text
            check(caption == "Percentiles among players aged about 26.", f"the ladder is read at the player's age ({caption})", driver)
            driver.save_screenshot(os.path.join(SHOTS, "player-analysis.png"))
            # The same page on a phone: nothing wider than the screen.
            driver.set_window_size(390, 844)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 0, f"the page fits a phone's width (overflow {overflow}px)", driver)
            driver.save_screenshot(os.path.join(SHOTS, "player-phone.png"))
            driver.set_window_size(1280, 1700)

            # A wrong field is shown next to the field, and markup stays text.
            field = driver.find_element(By.NAME, "score")
            field.clear()
            field.send_keys("<script>alert(1)</script>")
            follow(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            errors = [e.text for e in driver.find_elements(By.CLASS_NAME, "error")]
            check(any("score must be a number" in e for e in errors), f"the score's error is shown ({errors})", driver)
            check(driver.find_element(By.NAME, "score").get_attribute("value") == "<script>alert(1)</script>",
                  "the typed text comes back as text", driver)

            # A player looked up by id.
            user = a_player(folder)
            driver.get(f"{base}/?segment=DualFlow_-1_10&user={user}")
            body = driver.find_element(By.TAG_NAME, "body").text
            check("personal best" in body and "Latest workout" in body, f"user {user}'s history is shown", driver)
            driver.save_screenshot(os.path.join(SHOTS, "player-lookup.png"))

            # The models, and one model.
            driver.get(base + "/models")
            links = driver.find_elements(By.CSS_SELECTOR, "table a")
            check(len(links) >= 10, f"the models page lists the demo's models ({len(links)})", driver)
            driver.save_screenshot(os.path.join(SHOTS, "models.png"))
            follow(driver, driver.find_element(By.LINK_TEXT, "DualFlow · Expert difficulty · 10 min"))
            check(driver.find_element(By.TAG_NAME, "h1").text == "DualFlow · Expert difficulty · 10 min", "the model's page opens", driver)
            titles = [t.get_attribute("textContent") for t in driver.find_elements(By.CSS_SELECTOR, "svg.chart > title")]
            check(any("Score distribution" in t for t in titles), f"the score distribution is drawn ({titles})", driver)
            check(any(t.startswith("Score against age with the age curve") for t in titles), "the age curve is drawn", driver)
            check(any(t.startswith("Levels against age-graded score") for t in titles),
                  "the levels are drawn against age-graded score", driver)
            rows = driver.find_elements(By.CSS_SELECTOR, "section table tbody tr")
            check(len(rows) >= 4, "the cluster table has the clusters", driver)
            dots = driver.find_elements(By.CSS_SELECTOR, "svg.chart circle.dot.plain")
            check(len(dots) > 100, f"the age curve draws the players ({len(dots)})", driver)
            driver.save_screenshot(os.path.join(SHOTS, "model.png"))
            driver.execute_script("arguments[0].scrollIntoView()", driver.find_element(By.XPATH, "//h2[text()='Age curve']/.."))
            driver.save_screenshot(os.path.join(SHOTS, "model-age.png"))
            driver.set_window_size(390, 844)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 0, f"the model's page fits a phone's width (overflow {overflow}px)", driver)
            driver.set_window_size(1280, 1700)

            # A CSV uploaded, scored, previewed and downloadable.
            players = os.path.join(folder, "players.csv")
            with open(players, "w") as out:
                out.write("userId,score,age,startSpeed,duration_minutes\n")
                out.writelines(f"{i},{90000 + 1500 * i},{20 + i % 30},{4 + (i % 5) / 2},10\n" for i in range(60))
                out.write("bad,not-a-number,30,5,10\n")
            driver.get(base + "/batch")
            driver.find_element(By.NAME, "file").send_keys(players)
            follow(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            heading = driver.find_element(By.ID, "batch-title").text
            check(heading == "60 of 61 rows scored", f"the batch summary counts the rows ({heading})", driver)
            link = driver.find_element(By.LINK_TEXT, "Download the scored CSV").get_attribute("href")
            check(link.startswith("data:text/csv"), "the scored CSV can be downloaded", driver)
            body = driver.find_element(By.TAG_NAME, "body").text
            check("score: is missing or not a number" in body, "the rejected row's reason is shown", driver)
            driver.save_screenshot(os.path.join(SHOTS, "batch.png"))

            # What the service served (the game's calls, not the dashboard's), against the training distribution.
            players = ",".join(
                f'{{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":{80000 + 2500 * i},"age":{18 + i % 40},"startSpeed":{4 + (i % 4) / 2}}}'
                for i in range(80))
            urllib.request.urlopen(
                urllib.request.Request(base + "/v1/analyze/batch", data=f"[{players}]".encode(), method="POST"), timeout=30).read()
            driver.get(base + "/monitoring")
            body = driver.find_element(By.TAG_NAME, "body").text
            check("DualFlow · Expert difficulty · 10 min" in body, "monitoring lists the segment analysed", driver)
            titles = [t.get_attribute("textContent") for t in driver.find_elements(By.CSS_SELECTOR, "svg.chart > title")]
            check("Requests per minute" in titles, f"monitoring draws the request rate ({titles})", driver)
            check(any(t.startswith("Stability index over the last") for t in titles), "monitoring draws the drift over time", driver)
            driver.save_screenshot(os.path.join(SHOTS, "monitoring.png"))

            # The experiments page before any play in the experiment: what to do.
            follow(driver, driver.find_element(By.LINK_TEXT, "Experiments"))
            check(driver.find_element(By.ID, "problem-title").text == "No experiment has run yet",
                  "the experiments page says no experiment has run", driver)
            body = driver.find_element(By.TAG_NAME, "body").text
            check("serve --experiments FILE" in body and "sphery-engine simulate" in body,
                  "it explains how to run one", driver)
            driver.save_screenshot(os.path.join(SHOTS, "experiments-empty.png"))

            # Six simulated weeks later: the report.
            simulate(folder)
            driver.get(base + "/reports/retention")
            check(driver.find_element(By.ID, "verdict-title").text == "targets-demo", "the report names the experiment", driver)
            sentences = driver.find_elements(By.CSS_SELECTOR, "ul.verdict li")
            check(len(sentences) == 3, f"the verdict compares the three arms with control ({len(sentences)})", driver)
            arms = [row.find_element(By.TAG_NAME, "td").text
                    for row in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=arms-title] tbody tr")]
            check(arms == ["control", "cohort", "personal", "blended"], f"the table has a row per arm ({arms})", driver)
            titles = [t.get_attribute("textContent") for t in driver.find_elements(By.CSS_SELECTOR, "svg.chart > title")]
            check(any(t.startswith("Players back for a workout") for t in titles), f"the return curves are drawn ({titles})", driver)
            check(any(t.startswith("Difference to control") for t in titles), "the differences to control are drawn", driver)
            driver.save_screenshot(os.path.join(SHOTS, "experiments.png"))
            driver.find_element(By.TAG_NAME, "summary").click()
            groups = driver.find_elements(By.CSS_SELECTOR, "details tbody tr")
            check(len(groups) > 10 and groups[0].is_displayed(), f"the groups open ({len(groups)} rows)", driver)

            # A date that is no date is shown next to its field.
            field = driver.find_element(By.NAME, "as_of")
            field.send_keys("soon")
            follow(driver, driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            errors = [e.text for e in driver.find_elements(By.CLASS_NAME, "error")]
            check(any(e.startswith("as_of must be a date") for e in errors), f"the date's error is shown ({errors})", driver)
        finally:
            driver.quit()
            server.terminate()
            server.wait(timeout=30)
    print("dashboard end-to-end test passed")


if __name__ == "__main__":
    main()
