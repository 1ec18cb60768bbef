<?php
/**
 * Plugin Name:       QuoteLens
 * Description:       Shows who said what in a post — quotes highlighted in place, speakers, claims and conflicts — analysed in the reader's browser. Use the [quotelens] shortcode.
 * Version:           0.1.0
 * Requires at least: 6.5
 * License:           MIT OR Apache-2.0
 *
 * Copy the files of dist/embed/ (quote-lens.js, quote-lens-worker.js, quotelens_bg.wasm) into this
 * plugin's assets/ folder. The shortcode prints <quote-lens> and enqueues the module; nothing is sent
 * anywhere: the analysis runs in the reader's browser.
 *
 *   [quotelens]                          analyse the nearest <article>
 *   [quotelens for=".entry-content"]     analyse another element
 *   [quotelens theme="dark" collapsed="1" loading="eager"]
 */

if (!defined('ABSPATH')) {
    exit;
}

function quotelens_enqueue() {
    // A module script (WordPress 6.5+ Script Modules API), loaded once however many shortcodes a page has.
    wp_enqueue_script_module('quotelens', plugins_url('assets/quote-lens.js', __FILE__), array(), '0.1.0');
}

function quotelens_shortcode($atts) {
    $atts = shortcode_atts(
        array('for' => '', 'theme' => 'auto', 'loading' => 'lazy', 'collapsed' => ''),
        $atts,
        'quotelens'
    );
    quotelens_enqueue();
    $html = '<quote-lens';
    if ($atts['for'] !== '') {
        $html .= ' for="' . esc_attr($atts['for']) . '"';
    }
    $html .= ' theme="' . esc_attr(in_array($atts['theme'], array('auto', 'light', 'dark'), true) ? $atts['theme'] : 'auto') . '"';
    $html .= ' loading="' . ($atts['loading'] === 'eager' ? 'eager' : 'lazy') . '"';
    if ($atts['collapsed'] !== '' && $atts['collapsed'] !== '0') {
        $html .= ' collapsed';
    }
    return $html . '></quote-lens>';
}
add_shortcode('quotelens', 'quotelens_shortcode');
