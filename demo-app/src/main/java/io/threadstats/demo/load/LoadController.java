package io.threadstats.demo.load;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts, shows and stops the load generator: {@code POST /load?seconds=10&rps=200} (202,
 * 409 while a run is in progress, 400 out of range), {@code GET /load},
 * {@code DELETE /load}.
 */
@RestController
@RequestMapping("/load")
class LoadController {

	private final LoadGenerator generator;

	LoadController(LoadGenerator generator) {
		this.generator = generator;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	LoadStatus start(@RequestParam(defaultValue = "30") int seconds, @RequestParam(defaultValue = "50") int rps) {
		return this.generator.start(seconds, rps);
	}

	@GetMapping
	LoadStatus status() {
		return this.generator.status();
	}

	@DeleteMapping
	LoadStatus stop() {
		return this.generator.stopRun();
	}

	@ExceptionHandler
	ResponseEntity<String> outOfRange(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<String> alreadyRunning(IllegalStateException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(ex.getMessage());
	}

}
